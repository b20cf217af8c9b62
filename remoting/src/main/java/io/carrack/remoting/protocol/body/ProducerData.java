package io.carrack.remoting.protocol.body;

/**
 * One producer group of a {@code HeartbeatData}: {@code {"groupName":"PG"}}.
 *
 * <p>Thread safety: not thread-safe; a body belongs to one thread until sent.
 */
public final class ProducerData {
    private String groupName;

    public ProducerData() {
    }

    /** The producer group. */
    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProducerData p && java.util.Objects.equals(groupName, p.groupName);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(groupName);
    }

    @Override
    public String toString() {
        return "ProducerData[groupName=" + groupName + "]";
    }
}
