package io.carrack.common.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a server process started from the command line: on SIGTERM (or Ctrl-C) the server is
 * closed, then the pid file named by the system property {@code carrack.pidFile} (written by
 * {@link #attach}) is removed, so {@code mqshutdown} and the launcher scripts can tell a running server
 * from a stale file.
 *
 * <p>Thread safety: {@link #awaitStop()} may be called from any thread.
 */
public final class ServerProcess {
    /** The system property the launcher scripts set to the pid file's path. */
    public static final String PID_FILE_PROPERTY = "carrack.pidFile";
    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

    private final CountDownLatch stopped = new CountDownLatch(1);

    private ServerProcess() {
    }

    /**
     * Installs the shutdown hook that closes {@code server} and writes the pid file. Call it once the
     * server is serving.
     *
     * @param role names the hook's thread, {@code carrack-<role>-shutdown}
     */
    public static ServerProcess attach(String role, AutoCloseable server) {
        ServerProcess process = new ServerProcess();
        Path pidFile = pidFile();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down the {}", role);
            try {
                Closeables.closeQuietly(server);
            } finally {
                delete(pidFile);
                process.stopped.countDown();
            }
        }, "carrack-" + role + "-shutdown"));
        write(pidFile);
        return process;
    }

    /** Blocks until the shutdown hook has closed the server. */
    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path pidFile() {
        String p = System.getProperty(PID_FILE_PROPERTY);
        return p == null || p.isBlank() ? null : Path.of(p);
    }

    private static void write(Path pidFile) {
        if (pidFile == null) {
            return;
        }
        try {
            Path dir = pidFile.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOG.warn("cannot write the pid file {}", pidFile, e);
        }
    }

    private static void delete(Path pidFile) {
        if (pidFile == null) {
            return;
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.warn("cannot delete the pid file {}", pidFile, e);
        }
    }
}
