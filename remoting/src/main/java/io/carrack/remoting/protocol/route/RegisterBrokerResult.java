package io.carrack.remoting.protocol.route;

/**
 * What a broker learns from a REGISTER_BROKER (103) response: the response header fields
 * {@code haServerAddr} and {@code masterAddr} (set only for a slave whose master is alive) and the
 * body, the {@code ORDER_TOPIC_CONFIG} KV namespace (empty when the body is absent).
 *
 * <p>Thread safety: not thread-safe.
 */
public final class RegisterBrokerResult {
    /** Response header field: the master's HA address. */
    public static final String HA_SERVER_ADDR = "haServerAddr";
    /** Response header field: the master's address. */
    public static final String MASTER_ADDR = "masterAddr";

    private String haServerAddr;
    private String masterAddr;
    private KVTable kvTable = new KVTable();

    public RegisterBrokerResult() {
    }

    public RegisterBrokerResult(String haServerAddr, String masterAddr, KVTable kvTable) {
        this.haServerAddr = haServerAddr;
        this.masterAddr = masterAddr;
        setKvTable(kvTable);
    }

    public String getHaServerAddr() {
        return haServerAddr;
    }

    public void setHaServerAddr(String haServerAddr) {
        this.haServerAddr = haServerAddr;
    }

    public String getMasterAddr() {
        return masterAddr;
    }

    public void setMasterAddr(String masterAddr) {
        this.masterAddr = masterAddr;
    }

    public KVTable getKvTable() {
        return kvTable;
    }

    public void setKvTable(KVTable kvTable) {
        this.kvTable = kvTable == null ? new KVTable() : kvTable;
    }

    @Override
    public String toString() {
        return "RegisterBrokerResult[haServerAddr=" + haServerAddr + ", masterAddr=" + masterAddr + ", kvTable="
                + kvTable + "]";
    }
}
