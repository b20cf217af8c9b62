package io.carrack.namesrv;

import io.carrack.common.config.BindResult;
import io.carrack.common.config.ConfigException;
import io.carrack.common.config.ConfigWarning;
import io.carrack.common.lifecycle.ServerProcess;
import java.io.PrintStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line of the name server, {@code mqnamesrv}:
 * <pre>
 *   mqnamesrv [-c namesrv.conf] [-p] [-h]
 *     -c file   read settings from a properties file (see {@link NamesrvConfig})
 *     -p        print the effective settings and exit
 *     -h        print this help and exit
 * </pre>
 * With the system property {@code carrack.pidFile}, the process writes its pid there once it is
 * listening and removes the file when it stops. SIGTERM (and Ctrl-C) stop it cleanly.
 */
public final class NamesrvStartup {
    private static final Logger LOG = LoggerFactory.getLogger(NamesrvStartup.class);
    private static final String USAGE = """
            usage: mqnamesrv [-c namesrv.conf] [-p] [-h]
              -c file   read settings from a Java properties file
              -p        print the effective settings and exit
              -h        print this help and exit
            """;

    private NamesrvStartup() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /**
     * Parses the arguments and either prints (returning an exit status) or starts a name server and
     * returns -1 once it has stopped after a shutdown signal.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path configFile = null;
        boolean print = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-c", "--configFile" -> {
                    if (i + 1 >= args.length) {
                        err.print("mqnamesrv: -c needs a file\n" + USAGE);
                        return 1;
                    }
                    configFile = Path.of(args[++i]);
                }
                case "-p", "--printConfigItem" -> print = true;
                case "-h", "--help" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "-n", "--namesrvAddr" -> i++; // accepted like RocketMQ's common options; unused
                default -> {
                    err.print("mqnamesrv: unknown option " + args[i] + "\n" + USAGE);
                    return 1;
                }
            }
        }

        NamesrvConfig config = new NamesrvConfig();
        try {
            if (configFile != null) {
                BindResult result = config.bind(configFile);
                for (ConfigWarning w : result.warnings()) {
                    err.println("mqnamesrv: warning: " + w.message());
                }
            }
            config.validate();
        } catch (ConfigException e) {
            err.println("mqnamesrv: bad configuration" + (configFile == null ? "" : " in " + configFile) + ": "
                    + e.getMessage());
            return 1;
        }
        if (print) {
            out.print(config.describe());
            return 0;
        }
        return serve(config, out, err);
    }

    private static int serve(NamesrvConfig config, PrintStream out, PrintStream err) {
        NameServer server = new NameServer(config);
        try {
            server.start();
        } catch (RuntimeException e) {
            LOG.error("the name server failed to start", e);
            err.println("mqnamesrv: failed to start: " + e.getMessage());
            server.close();
            return 1;
        }
        ServerProcess process = ServerProcess.attach("namesrv", server);
        out.println("The Name Server boot success. serializeType=JSON, listening on " + config.getBindAddress() + ":"
                + server.port());
        out.flush();
        process.awaitStop();
        return -1;
    }
}
