package io.carrack.broker;

import io.carrack.broker.internal.config.BrokerConfigBinding;
import io.carrack.common.config.BindResult;
import io.carrack.common.config.ConfigException;
import io.carrack.common.config.ConfigWarning;
import io.carrack.common.lifecycle.ServerProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line of the broker, {@code mqbroker}:
 * <pre>
 *   mqbroker [-c broker.conf] [-n host:port;host:port] [-p] [-h]
 *     -c file   read settings from a properties file (see {@link BrokerConfig})
 *     -n addr   name server addresses (overrides namesrvAddr)
 *     -p        print the effective settings and exit
 *     -h        print this help and exit
 * </pre>
 * Without {@code -n} and {@code namesrvAddr}, the system property {@code rocketmq.namesrv.addr} or the
 * environment variable {@code NAMESRV_ADDR} is used. With the system property {@code carrack.pidFile}
 * the process writes its pid there once serving and removes it when it stops. SIGTERM stops it cleanly:
 * unregister, persist the tables, flush and close the store.
 */
public final class BrokerStartup {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerStartup.class);
    private static final String USAGE = """
            usage: mqbroker [-c broker.conf] [-n host:port;host:port] [-p] [-h]
              -c file   read settings from a Java properties file
              -n addr   name server addresses, separated by ';'
              -p        print the effective settings and exit
              -h        print this help and exit
            """;

    private BrokerStartup() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /**
     * Parses the arguments and either prints (returning an exit status) or runs a broker, returning -1
     * once it has stopped after a shutdown signal.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path configFile = null;
        String namesrv = null;
        boolean print = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--configFile" -> {
                    if (i + 1 >= args.length) {
                        err.print("mqbroker: -c needs a file\n" + USAGE);
                        return 1;
                    }
                    configFile = Path.of(args[++i]);
                }
                case "-n", "--namesrvAddr" -> {
                    if (i + 1 >= args.length) {
                        err.print("mqbroker: -n needs an address\n" + USAGE);
                        return 1;
                    }
                    namesrv = args[++i];
                }
                case "-p", "--printConfigItem" -> print = true;
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.print("mqbroker: unknown option " + args[i] + "\n" + USAGE);
                    return 1;
                }
            }
        }
        BrokerConfig config = new BrokerConfig();
        try {
            if (configFile != null) {
                BindResult result = BrokerConfigBinding.bind(config, configFile);
                for (ConfigWarning w : result.warnings()) {
                    err.println("mqbroker: warning: " + w.message());
                }
            }
            if (namesrv != null) {
                config.setNamesrvAddr(namesrv);
            } else if (config.getNamesrvAddr() == null) {
                String fromEnv = System.getProperty("rocketmq.namesrv.addr", System.getenv("NAMESRV_ADDR"));
                if (fromEnv != null && !fromEnv.isBlank()) {
                    config.setNamesrvAddr(fromEnv);
                }
            }
        } catch (ConfigException e) {
            err.println("mqbroker: bad configuration" + (configFile == null ? "" : " in " + configFile) + ": "
                    + e.getMessage());
            return 1;
        }
        if (print) {
            out.print(BrokerConfigBinding.describe(config));
            return 0;
        }
        return serve(config, out, err);
    }

    private static int serve(BrokerConfig config, PrintStream out, PrintStream err) {
        Broker broker = new Broker(config);
        try {
            broker.start();
        } catch (RuntimeException e) {
            LOG.error("the broker failed to start", e);
            err.println("mqbroker: failed to start: " + e.getMessage());
            broker.close();
            return 1;
        }
        ServerProcess process = ServerProcess.attach("broker", broker);
        out.println("The broker[" + config.getBrokerName() + ", " + broker.address() + "] boot success. "
                + "serializeType=JSON and name server is " + config.getNamesrvAddr());
        out.flush();
        process.awaitStop();
        return -1;
    }
}
