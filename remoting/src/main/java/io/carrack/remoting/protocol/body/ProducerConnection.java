package io.carrack.remoting.protocol.body;

import java.util.HashSet;
import java.util.Set;

/**
 * Response body of GET_PRODUCER_CONNECTION_LIST (204): {@code {"connectionSet":[...]}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class ProducerConnection {
    private Set<Connection> connectionSet = new HashSet<>();

    public ProducerConnection() {
    }

    /** Live connections of the producer group. */
    public Set<Connection> getConnectionSet() {
        return connectionSet;
    }

    public void setConnectionSet(Set<Connection> connectionSet) {
        this.connectionSet = connectionSet;
    }
}
