package io.carrack.broker.internal.filtersrv;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts filter-server processes for this broker and keeps count of the live ones. The command is the
 * system property {@value #COMMAND_PROPERTY} (split on white space), else {@code bin/mqfiltersrv} found
 * above the broker's jar; the launcher appends {@code -b <brokerAddr> --parentPid <broker pid>}, so a
 * child exits when the broker does. Output goes to {@code <dir>/filtersrv-<n>.log}.
 *
 * <p>Thread safety: all methods are synchronized on this launcher.
 */
final class FilterServerLauncher implements AutoCloseable {
    static final String COMMAND_PROPERTY = "carrack.filterServer.command";
    private static final Logger LOG = LoggerFactory.getLogger(FilterServerLauncher.class);
    private static final int SCRIPT_SEARCH_DEPTH = 4;

    private final List<String> command;
    private final String brokerAddr;
    private final Path dir;
    private final List<Process> children = new ArrayList<>();
    private int launched;
    private boolean closed;
    private boolean warnedNoCommand;

    /**
     * @param command    the command prefix, or null to resolve it
     * @param brokerAddr the address the filter servers pull from and register with
     * @param dir        where the children's pid and log files go
     */
    FilterServerLauncher(List<String> command, String brokerAddr, Path dir) {
        this.command = command != null ? List.copyOf(command) : resolveCommand();
        this.brokerAddr = brokerAddr;
        this.dir = dir;
    }

    /** Live children started by this launcher. */
    synchronized int alive() {
        children.removeIf(p -> !p.isAlive());
        return children.size();
    }

    /**
     * Starts processes until {@code wanted} filter servers run, counting the larger of the live children
     * and the registered filter servers (some may have been started by hand).
     *
     * @param onExit run when a started process ends (to start a replacement)
     * @return how many were started
     */
    synchronized int ensure(int wanted, int registered, Runnable onExit) {
        if (closed || wanted <= 0) {
            return 0;
        }
        int missing = wanted - Math.max(alive(), registered);
        if (missing <= 0) {
            return 0;
        }
        if (command == null) {
            if (!warnedNoCommand) {
                warnedNoCommand = true;
                LOG.error("filterServerNums={} but no filter server command: set -D{} or install bin/mqfiltersrv",
                        wanted, COMMAND_PROPERTY);
            }
            return 0;
        }
        int started = 0;
        for (int i = 0; i < missing; i++) {
            if (start(onExit)) {
                started++;
            }
        }
        return started;
    }

    private boolean start(Runnable onExit) {
        int n = ++launched;
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("-b", brokerAddr, "--parentPid", String.valueOf(ProcessHandle.current().pid())));
        try {
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("filtersrv-" + n + ".log").toFile()));
            pb.environment().put("CARRACK_PID_FILE", dir.resolve("filtersrv-" + n + ".pid").toString());
            Process p = pb.start();
            children.add(p);
            p.onExit().thenRun(() -> {
                LOG.warn("filter server process {} (pid {}) exited with {}", n, p.pid(), p.exitValue());
                onExit.run();
            });
            LOG.info("started filter server process {} (pid {}): {}", n, p.pid(), cmd);
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot start a filter server with {}: {}", cmd, e.toString());
            return false;
        }
    }

    /** {@code bin/mqfiltersrv} in a directory above the broker's jar (a source checkout), or null. */
    private static List<String> resolveCommand() {
        String configured = System.getProperty(COMMAND_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        CodeSource cs = FilterServerLauncher.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        try {
            Path p = new File(cs.getLocation().toURI()).toPath().toAbsolutePath();
            for (int i = 0; i < SCRIPT_SEARCH_DEPTH && p != null; i++, p = p.getParent()) {
                Path script = p.resolve("bin").resolve("mqfiltersrv");
                if (Files.isExecutable(script)) {
                    return List.of(script.toString());
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            LOG.debug("cannot locate the broker's jar: {}", e.toString());
        }
        return null;
    }

    /** Stops every child (they would also exit on their own once the broker ends). */
    @Override
    public synchronized void close() {
        closed = true;
        for (Process p : children) {
            p.destroy();
        }
        for (Process p : children) {
            try {
                if (!p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        children.clear();
    }
}
