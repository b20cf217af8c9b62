package io.carrack.benchmark.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end load tool, {@code bin/mqbench produce|consume|e2e [options]}: drives Carrack's client
 * or the official RocketMQ 4.9.7 client against running name server and broker, prints a progress line
 * each second and one {@code SUMMARY} line at the end. Every run is bounded in time.
 */
public final class MqBench {
    private MqBench() {
    }

    /**
     * Runs one scenario.
     *
     * @param argv the scenario name, then its options
     */
    public static void main(String[] argv) {
        PrintStream out = System.out;
        if (argv.length == 0 || argv[0].equals("-h") || argv[0].equals("--help") || argv[0].equals("help")) {
            usage(out);
            return;
        }
        // The official client logs through slf4j instead of ~/logs/rocketmqlogs; only warnings are shown.
        System.setProperty("rocketmq.client.logUseSlf4j", "true");
        quietLogging(System.getProperty("mqbench.logLevel", "WARN"));
        try {
            Args args = new Args(argv, 1);
            switch (argv[0].toLowerCase(Locale.ROOT)) {
                case "produce" -> ProduceCommand.run(args, out);
                case "consume" -> ConsumeCommand.run(args, out);
                case "e2e" -> E2eCommand.run(args, out);
                default -> {
                    usage(System.err);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("mqbench: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("mqbench: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
        // Client threads of both libraries are not all daemons; the run is over.
        System.exit(0);
    }

    private static void usage(PrintStream out) {
        out.println("usage:");
        out.println(ProduceCommand.USAGE);
        out.println(ConsumeCommand.USAGE);
        out.println(E2eCommand.USAGE);
        out.println("Sizes take k/m (1k = 1024 bytes), durations s/ms/m, counts and rates k/m (5k = 5000).");
    }

    private static void quietLogging(String level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.WARN));
        }
    }
}
