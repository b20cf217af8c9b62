package io.carrack.remoting.protocol.route;

import java.util.HashMap;
import java.util.Map;

/**
 * The key/value pairs of one KV-config namespace: body of GET_KVLIST_BY_NAMESPACE (219) and of
 * REGISTER_BROKER (103) responses. JSON: {@code {"table":{"TopicA":"broker-a:4"}}}.
 *
 * <p>Thread safety: not thread-safe.
 */
public final class KVTable {
    private Map<String, String> table = new HashMap<>();

    public KVTable() {
    }

    public KVTable(Map<String, String> table) {
        setTable(table);
    }

    public Map<String, String> getTable() {
        return table;
    }

    public void setTable(Map<String, String> table) {
        this.table = table == null ? new HashMap<>() : table;
    }

    @Override
    public String toString() {
        return "KVTable" + table;
    }
}
