package io.carrack.standalone;

import io.carrack.broker.BrokerStartup;
import io.carrack.namesrv.NameServer;
import io.carrack.namesrv.NamesrvConfig;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code carrack standalone [--namesrv-port 9876] [mqbroker options]}: starts a name server, then a
 * broker registered with it, in this JVM. The broker options are those of {@code mqbroker}
 * ({@code -c broker.conf}, {@code -p}); {@code -n} is set to the embedded name server.
 */
public final class Standalone {
    private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);
    private static final String USAGE = """
            usage: carrack standalone [--namesrv-port port] [-c broker.conf] [-p] [-h]
              --namesrv-port port  port of the embedded name server (default 9876)
              -c file              broker settings (Java properties, RocketMQ key names)
              -p                   print the broker's effective settings and exit
              -h                   print this help and exit
            """;

    private Standalone() {
    }

    public static void main(String[] args) {
        int namesrvPort = 9876;
        boolean serving = true;
        List<String> brokerArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "standalone" -> { }
                case "--namesrv-port" -> {
                    if (i + 1 >= args.length) {
                        System.err.print("carrack: --namesrv-port needs a port\n" + USAGE);
                        System.exit(1);
                    }
                    namesrvPort = parsePort(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "-n", "--namesrvAddr" -> {
                    System.err.print("carrack: standalone runs its own name server; -n is not accepted\n" + USAGE);
                    System.exit(1);
                }
                default -> {
                    if (args[i].equals("-p") || args[i].equals("--printConfigItem")) {
                        serving = false;
                    }
                    brokerArgs.add(args[i]);
                }
            }
        }
        if (serving) {
            NamesrvConfig config = new NamesrvConfig();
            config.setListenPort(namesrvPort);
            NameServer nameServer = new NameServer(config);
            nameServer.start();
            LOG.info("name server listening on port {}", nameServer.port());
            System.out.println("The Name Server boot success. port=" + nameServer.port());
            // Runs beside the broker's own hook; the broker's unregistration failing late is harmless.
            Runtime.getRuntime().addShutdownHook(new Thread(nameServer::close, "carrack-standalone-namesrv-stop"));
            brokerArgs.add("-n");
            brokerArgs.add("127.0.0.1:" + nameServer.port());
        }
        BrokerStartup.main(brokerArgs.toArray(String[]::new));
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("carrack: --namesrv-port must be a port number 0..65535, not " + text);
        System.exit(1);
        return -1;
    }
}
