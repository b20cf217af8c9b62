package io.carrack.filter.server.internal;

import java.time.Duration;

/**
 * Limits of the filter sandbox.
 *
 * <p>Thread safety: immutable.
 *
 * @param matchBudget    the most time one {@code match} call may take before the filter is disabled
 * @param loadBudget     the most time loading and constructing a filter (static initializers included) may take
 * @param compileBudget  the most time compiling one filter's source may take
 * @param queueWait      how long a pull waits for the filter while other pulls use it, before answering busy
 * @param maxSourceBytes the largest source accepted
 * @param maxFilters     the most (group, topic) filters held at once
 */
public record SandboxLimits(Duration matchBudget, Duration loadBudget, Duration compileBudget, Duration queueWait,
                            int maxSourceBytes, int maxFilters) {
    /** The defaults: 200 ms per match, 2 s to load, 30 s to compile, 5 s queue, 64 KiB, 1024 filters. */
    public static SandboxLimits defaults() {
        return new SandboxLimits(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(30),
                Duration.ofSeconds(5), 64 * 1024, 1024);
    }

    /** A copy with another match budget. */
    public SandboxLimits withMatchBudget(Duration d) {
        return new SandboxLimits(d, loadBudget, compileBudget, queueWait, maxSourceBytes, maxFilters);
    }
}
