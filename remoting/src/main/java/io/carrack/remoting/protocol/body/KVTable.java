package io.carrack.remoting.protocol.body;

import java.util.HashMap;
import java.util.Map;

/**
 * A string map body: GET_BROKER_RUNTIME_INFO (28), GET_KVLIST_BY_NAMESPACE (219); {@code {"table":{k:v}}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class KVTable {
    private Map<String, String> table = new HashMap<>();

    public KVTable() {
    }

    /** The entries. */
    public Map<String, String> getTable() {
        return table;
    }

    public void setTable(Map<String, String> table) {
        this.table = table;
    }
}
