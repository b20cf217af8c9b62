package io.carrack.benchmark.e2e;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Prints one progress line a second for a set of {@link Meter}s (rate, MiB/s, latency percentiles of
 * that second) and, at the end, one summary line over the measured window: from the end of the
 * warm-up to the end of the run, or, with {@code activeWindow}, from each meter's first to its last
 * event (for draining a backlog, where start-up and idle waiting must not count).
 *
 * <p>Thread safety: {@link #tick} and {@link #summary} are called from the thread that runs the scenario.
 */
final class Reporter {
    private final PrintStream out;
    private final String scenario;
    private final List<Meter> meters;
    private final long startNanos;
    private final long warmupNanos;
    private final boolean activeWindow;
    private final long[] lastOps;
    private final long[] lastBytes;
    private final long[] warmOps;
    private final long[] warmBytes;
    private final Histogram.Snapshot[] interval;
    private final Histogram.Snapshot[] total;
    private final long gcCountAtStart;
    private final long gcMillisAtStart;
    private final String watchPid;
    private long toolCpuAtWarm;
    private long watchCpuAtWarm;
    private long lastTickNanos;
    private long warmStartNanos;
    private boolean warm;

    /**
     * @param watchPid a process (the broker) whose CPU time per message is reported, or null
     */
    Reporter(PrintStream out, String scenario, List<Meter> meters, long warmupNanos, boolean activeWindow,
             String watchPid) {
        this.out = out;
        this.watchPid = watchPid;
        this.scenario = scenario;
        this.meters = List.copyOf(meters);
        this.warmupNanos = warmupNanos;
        this.activeWindow = activeWindow;
        int n = meters.size();
        lastOps = new long[n];
        lastBytes = new long[n];
        warmOps = new long[n];
        warmBytes = new long[n];
        interval = new Histogram.Snapshot[n];
        total = new Histogram.Snapshot[n];
        for (int i = 0; i < n; i++) {
            interval[i] = new Histogram.Snapshot();
            total[i] = new Histogram.Snapshot();
        }
        gcCountAtStart = gcCount();
        gcMillisAtStart = gcMillis();
        startNanos = System.nanoTime();
        lastTickNanos = startNanos;
        warm = warmupNanos <= 0;
        warmStartNanos = startNanos;
        markCpu();
    }

    private void markCpu() {
        toolCpuAtWarm = ProcCpu.cpuNanos("self");
        watchCpuAtWarm = watchPid == null ? -1 : ProcCpu.cpuNanos(watchPid);
    }

    long startNanos() {
        return startNanos;
    }

    /** Sleeps until the next whole second of the run (or {@code deadlineNanos}, if sooner), then reports. */
    void awaitAndTick(long deadlineNanos) throws InterruptedException {
        long elapsed = System.nanoTime() - startNanos;
        long next = startNanos + (elapsed / 1_000_000_000L + 1) * 1_000_000_000L;
        long until = Math.min(next, deadlineNanos);
        long wait;
        while ((wait = until - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, 100_000_000L));
        }
        tick();
    }

    /** Reports the interval since the previous tick. */
    void tick() {
        tick(true);
    }

    private void tick(boolean print) {
        long now = System.nanoTime();
        double secs = Math.max(1e-9, (now - lastTickNanos) / 1e9);
        boolean countThis = warm;
        StringBuilder line = new StringBuilder(160);
        line.append(String.format(Locale.ROOT, "[%5.1fs]%s", (now - startNanos) / 1e9, warm ? " " : "w"));
        for (int i = 0; i < meters.size(); i++) {
            Meter m = meters.get(i);
            long ops = m.ops();
            long bytes = m.bytes();
            interval[i].clear();
            m.drainLatency(interval[i]);
            if (countThis) {
                total[i].add(interval[i]);
            }
            double rate = (ops - lastOps[i]) / secs;
            double mib = (bytes - lastBytes[i]) / secs / (1024.0 * 1024.0);
            lastOps[i] = ops;
            lastBytes[i] = bytes;
            line.append(String.format(Locale.ROOT, " %s %,9.0f msg/s %6.1f MiB/s", m.name(), rate, mib));
            if (m.hasLatency()) {
                Histogram.Snapshot h = interval[i];
                line.append(String.format(Locale.ROOT, " p50 %s p99 %s p999 %s max %s ms", ms(h.quantile(0.5)),
                        ms(h.quantile(0.99)), ms(h.quantile(0.999)), ms(h.max())));
            }
            if (m.errors() > 0) {
                line.append(" err ").append(m.errors());
            }
            line.append(" |");
        }
        line.setLength(line.length() - 2);
        if (print) {
            out.println(line);
        }
        lastTickNanos = now;
        if (!warm && now - startNanos >= warmupNanos) {
            warm = true;
            warmStartNanos = now;
            markCpu();
            for (int i = 0; i < meters.size(); i++) {
                warmOps[i] = lastOps[i];
                warmBytes[i] = lastBytes[i];
            }
        }
    }

    /** Prints the summary line; {@code extra} is appended as is (settings of the run). */
    void summary(String extra) {
        // The last, possibly short, interval still counts; a stub under 200 ms is not worth a line.
        tick(System.nanoTime() - lastTickNanos >= 200_000_000L);
        long end = lastTickNanos;
        StringBuilder line = new StringBuilder(256);
        line.append("SUMMARY ").append(scenario).append(' ').append(extra);
        for (int i = 0; i < meters.size(); i++) {
            Meter m = meters.get(i);
            long ops;
            double secs;
            long bytes;
            if (activeWindow) {
                ops = m.ops();
                bytes = m.bytes();
                secs = m.firstNanos() == 0 ? 0 : (m.lastNanos() - m.firstNanos()) / 1e9;
            } else {
                ops = m.ops() - warmOps[i];
                bytes = m.bytes() - warmBytes[i];
                secs = (end - warmStartNanos) / 1e9;
            }
            double rate = secs > 0 ? ops / secs : 0;
            line.append(String.format(Locale.ROOT, " | %s: %d msgs in %.1fs = %.0f msg/s %.1f MiB/s", m.name(), ops, secs,
                    rate, secs > 0 ? bytes / secs / (1024.0 * 1024.0) : 0));
            if (m.hasLatency()) {
                Histogram.Snapshot h = total[i];
                line.append(String.format(Locale.ROOT, " lat ms mean %.2f p50 %s p99 %s p999 %s max %s",
                        h.mean() / 1000.0, ms(h.quantile(0.5)), ms(h.quantile(0.99)), ms(h.quantile(0.999)),
                        ms(h.max())));
            }
            line.append(" errors ").append(m.errors());
        }
        long firstOps = activeWindow ? meters.get(0).ops() : meters.get(0).ops() - warmOps[0];
        line.append(" | cpu us/msg tool ").append(perMessage(ProcCpu.cpuNanos("self"), toolCpuAtWarm, firstOps));
        if (watchPid != null) {
            line.append(" broker ").append(perMessage(ProcCpu.cpuNanos(watchPid), watchCpuAtWarm, firstOps));
        }
        line.append(String.format(Locale.ROOT, " | tool JVM gc %d collections %d ms",
                gcCount() - gcCountAtStart, gcMillis() - gcMillisAtStart));
        out.println(line);
    }

    private static String perMessage(long cpuNow, long cpuThen, long ops) {
        if (cpuNow < 0 || cpuThen < 0 || ops <= 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f", (cpuNow - cpuThen) / 1000.0 / ops);
    }

    private static String ms(long micros) {
        return micros < 10_000 ? String.format(Locale.ROOT, "%.2f", micros / 1000.0)
                : String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionTime());
        }
        return n;
    }

    static List<Meter> list(Meter... meters) {
        return new ArrayList<>(List.of(meters));
    }
}
