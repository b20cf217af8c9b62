package io.carrack.remoting.protocol.route;

/**
 * A version of a broker's topic table: a timestamp and a counter that grows on each change. JSON:
 * {@code {"counter":3,"timestamp":1700000000000}}.
 *
 * <p>Thread safety: not thread-safe; owners guard it.
 */
public final class DataVersion {
    private long timestamp;
    private long counter;

    public DataVersion() {
    }

    public DataVersion(long timestamp, long counter) {
        this.timestamp = timestamp;
        this.counter = counter;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    public long getCounter() {
        return counter;
    }

    public void setCounter(long counter) {
        this.counter = counter;
    }

    /** Records a change at the given time. */
    public void next(long now) {
        timestamp = now;
        counter++;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataVersion d && d.timestamp == timestamp && d.counter == counter;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp) * 31 + Long.hashCode(counter);
    }

    @Override
    public String toString() {
        return "DataVersion[timestamp=" + timestamp + ", counter=" + counter + "]";
    }
}
