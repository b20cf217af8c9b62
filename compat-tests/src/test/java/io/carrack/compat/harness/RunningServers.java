package io.carrack.compat.harness;

/** A started name server and broker, as {@link EmbeddedServers} hands them back. */
interface RunningServers extends AutoCloseable {

    /** {@code 127.0.0.1:port} of the name server. */
    String namesrvAddr();

    /** {@code 127.0.0.1:port} of the broker. */
    String brokerAddr();

    /** Stops the broker, then the name server. */
    @Override
    void close();
}
