package io.carrack.benchmark.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of a process from Linux's {@code /proc/<pid>/stat}, in nanoseconds at the
 * kernel's 10 ms tick resolution; -1 where there is no such file. Used to report CPU per message of
 * the tool and of the broker, a figure that holds better than throughput on a shared machine.
 */
final class ProcCpu {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    private ProcCpu() {
    }

    static long cpuNanos(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
