package io.carrack.filter.server;

import io.carrack.common.lifecycle.ServerProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line of the filter server, {@code mqfiltersrv}:
 * <pre>
 *   mqfiltersrv -b brokerHost:port [-l listenAddress] [--port port] [-a advertisedHost]
 *               [-t matchTimeoutMillis] [--parentPid pid] [-h]
 * </pre>
 * A broker with {@code filterServerNums > 0} starts it with {@code -b <its address> --parentPid <its pid>};
 * with {@code --parentPid} the filter server exits when that process ends. With the system property
 * {@code carrack.pidFile}, the process writes its pid there once it is listening and removes the file
 * when it stops. SIGTERM (and Ctrl-C) stop it cleanly.
 */
public final class FilterServerStartup {
    private static final Logger LOG = LoggerFactory.getLogger(FilterServerStartup.class);
    private static final String USAGE = """
            usage: mqfiltersrv -b brokerHost:port [-l listenAddress] [--port port] [-a advertisedHost]
                               [-t matchTimeoutMillis] [--parentPid pid] [-h]
              -b host:port     the broker to serve (required)
              -l address       address to listen on (default 0.0.0.0)
              --port port      port to listen on (default 0: a free port, registered with the broker)
              -a host          host to register with the broker (default: the broker's host)
              -t millis        time budget of one match call (default 200)
              --parentPid pid  exit when that process (the broker that started this one) ends
              -h               print this help and exit
            """;

    private FilterServerStartup() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /**
     * Parses the arguments and either prints (returning an exit status) or serves and returns -1 once
     * stopped by a signal, or 0 once the parent process ended.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Optional<FilterServerConfig> parsed;
        try {
            parsed = parse(args, out);
        } catch (IllegalArgumentException e) {
            err.print("mqfiltersrv: " + e.getMessage() + "\n" + USAGE);
            return 1;
        }
        return parsed.map(c -> serve(c, out, err)).orElse(0);
    }

    /** The settings from the arguments; empty after {@code -h}. */
    static Optional<FilterServerConfig> parse(String[] args, PrintStream out) {
        String broker = null;
        String listen = "0.0.0.0";
        int port = 0;
        String advertised = null;
        long matchMillis = 200;
        long parent = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return Optional.empty();
                }
                case "-b", "--brokerAddr" -> broker = value(args, ++i, a);
                case "-l", "--listenAddress" -> listen = value(args, ++i, a);
                case "--port", "--listenPort" -> port = (int) number(args, ++i, a);
                case "-a", "--advertisedHost" -> advertised = value(args, ++i, a);
                case "-t", "--matchTimeoutMillis" -> matchMillis = number(args, ++i, a);
                case "--parentPid" -> parent = number(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (broker == null) {
            throw new IllegalArgumentException("-b brokerHost:port is required");
        }
        return Optional.of(FilterServerConfig.of(broker).withListen(listen, port).withAdvertisedHost(advertised)
                .withMatchBudget(Duration.ofMillis(matchMillis)).withParentPid(parent));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String[] args, int i, String option) {
        String v = value(args, i, option);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + v + "'");
        }
    }

    private static int serve(FilterServerConfig config, PrintStream out, PrintStream err) {
        FilterServer server = new FilterServer(config);
        try {
            server.start();
        } catch (RuntimeException e) {
            LOG.error("the filter server failed to start", e);
            err.println("mqfiltersrv: failed to start: " + e.getMessage());
            server.close();
            return 1;
        }
        ServerProcess process = ServerProcess.attach("filter-server", server);
        out.println("The Filter Server boot success, listening on " + server.address() + " for broker "
                + config.brokerAddr());
        out.flush();
        if (config.parentPid() > 0) {
            Optional<ProcessHandle> parent = ProcessHandle.of(config.parentPid());
            if (parent.isEmpty()) {
                LOG.warn("parent process {} is already gone; stopping", config.parentPid());
                return 0;
            }
            parent.get().onExit().thenRun(() -> {
                LOG.info("parent process {} ended; stopping", config.parentPid());
                System.exit(0);
            });
        }
        process.awaitStop();
        return -1;
    }
}
