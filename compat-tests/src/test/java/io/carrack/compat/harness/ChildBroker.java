package io.carrack.compat.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Carrack broker in a child JVM, started the way {@code mqbroker} starts one:
 * {@code io.carrack.broker.BrokerStartup -c broker.conf -n namesrv}, with this JVM's class path (every store
 * module of the test class path is there) and the flags lmdbjava needs. Its standard output and error go to a
 * log file. {@link #kill()} sends SIGKILL ({@link Process#destroyForcibly()} on Linux); {@link #close()} kills
 * it if it still runs, so a test can use it in try-with-resources.
 */
public final class ChildBroker implements AutoCloseable {

    /** The line {@code BrokerStartup} prints once serving, with the broker's address. */
    private static final Pattern BOOT_LINE = Pattern.compile("The broker\\[[^,]*, ([0-9.]+:[0-9]+)\\] boot success");
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> JVM_FLAGS = List.of(
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            // What lmdbjava needs on the class path (see compat-tests/pom.xml).
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED");

    private final Process process;
    private final Path log;

    private ChildBroker(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Writes {@code conf} to {@code confFile} (sorted, so it reads well in a failed test's directory).
     */
    public static void writeConf(Properties conf, Path confFile) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(conf).forEach((k, v) -> sb.append(k).append('=').append(escape(v.toString())).append('\n'));
        try {
            Files.createDirectories(confFile.toAbsolutePath().getParent());
            Files.writeString(confFile, sb.toString(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code BrokerStartup -c confFile [-n namesrv]} in a child JVM, its output to {@code log}, and
     * returns at once; see {@link #awaitBoot} and {@link #awaitExit}.
     *
     * @param classPathFilter which entries of this JVM's class path the child gets (to leave a store out)
     */
    public static ChildBroker launch(Path confFile, String namesrv, Path log, Predicate<String> classPathFilter)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath().stream().filter(classPathFilter).toList()));
        command.add("io.carrack.broker.BrokerStartup");
        command.add("-c");
        command.add(confFile.toAbsolutePath().toString());
        if (namesrv != null) {
            command.add("-n");
            command.add(namesrv);
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = pb.environment();
        env.remove("NAMESRV_ADDR");
        Process process = pb.start();
        return new ChildBroker(process, log);
    }

    /** Starts a child broker with the whole class path and waits until it serves; see {@link #launch}. */
    public static ChildBroker start(Path confFile, String namesrv, Path log, Duration bootTimeout)
            throws IOException {
        ChildBroker child = launch(confFile, namesrv, log, entry -> true);
        try {
            child.awaitBoot(bootTimeout);
            return child;
        } catch (RuntimeException | Error e) {
            child.close();
            throw e;
        }
    }

    /**
     * Waits for the boot line and returns the broker's {@code host:port}; fails with the log's tail when the
     * child exits first or the time runs out.
     */
    public String awaitBoot(Duration timeout) {
        return Await.awaitValue("child broker (pid " + process.pid() + ") to boot; log " + log, timeout, () -> {
            Matcher m = BOOT_LINE.matcher(output());
            if (m.find()) {
                return m.group(1);
            }
            if (!process.isAlive()) {
                throw new AssertionError("child broker exited with status " + process.exitValue()
                        + " before serving; its output:\n" + tail());
            }
            return null;
        });
    }

    /** Waits for the child to exit by itself and returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child broker (pid " + process.pid() + ") still runs after " + timeout.toMillis()
                    + " ms; its output:\n" + tail());
        }
        return process.exitValue();
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The log file with the child's standard output and error. */
    public Path log() {
        return log;
    }

    /** Everything the child printed so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the output, for failure messages. */
    public String tail() {
        String[] lines = output().split("\n");
        return String.join("\n", Arrays.asList(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }

    /**
     * Sends SIGKILL and waits until the process is gone; returns its exit status (137 after a SIGKILL).
     */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("child broker (pid " + process.pid() + ") survived SIGKILL for "
                    + KILL_TIMEOUT.toMillis() + " ms");
        }
        return process.exitValue();
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** This JVM's class path (surefire puts the test class path in {@code java.class.path}). */
    private static List<String> classPath() {
        List<String> entries = new ArrayList<>();
        for (String prop : List.of("java.class.path", "jdk.module.path")) {
            String v = System.getProperty(prop);
            if (v != null && !v.isBlank()) {
                for (String e : v.split(File.pathSeparator)) {
                    if (!e.isBlank() && !entries.contains(e)) {
                        entries.add(e);
                    }
                }
            }
        }
        return entries;
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
