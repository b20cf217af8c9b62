package io.carrack.broker.internal.stats;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of puts and gets with rates over the last 10 s, 1 min and 10 min, sampled by
 * {@link #sample()} (every 10 s). Per-group get counts feed {@code consumeTps}.
 *
 * <p>Thread safety: counters are lock-free; {@link #sample()} and the rate getters synchronize.
 */
public final class BrokerStats {
    private static final int MAX_SAMPLES = 61;

    private final InstantSource clock;
    private final long bootTimestamp;
    private final LongAdder putMessages = new LongAdder();
    private final LongAdder putBytes = new LongAdder();
    private final LongAdder getFound = new LongAdder();
    private final LongAdder getMiss = new LongAdder();
    private final LongAdder getTransferred = new LongAdder();
    private final Map<String, LongAdder> groupGets = new ConcurrentHashMap<>();
    private final Deque<Sample> samples = new ArrayDeque<>();
    private final Map<String, Deque<long[]>> groupSamples = new ConcurrentHashMap<>();

    private record Sample(long time, long put, long transferred, long found, long miss) {
    }

    public BrokerStats(InstantSource clock) {
        this.clock = clock;
        this.bootTimestamp = clock.millis();
        samples.add(new Sample(bootTimestamp, 0, 0, 0, 0));
    }

    public long bootTimestamp() {
        return bootTimestamp;
    }

    public void onPut(int messages, long bytes) {
        putMessages.add(messages);
        putBytes.add(bytes);
    }

    public void onGet(String group, int messages) {
        if (messages > 0) {
            getFound.increment();
            getTransferred.add(messages);
            groupGets.computeIfAbsent(group, g -> new LongAdder()).add(messages);
        } else {
            getMiss.increment();
        }
    }

    public long putMessages() {
        return putMessages.sum();
    }

    public long putBytes() {
        return putBytes.sum();
    }

    public long getTransferred() {
        return getTransferred.sum();
    }

    /** Takes a sample; call every 10 s. */
    public synchronized void sample() {
        long now = clock.millis();
        samples.addLast(new Sample(now, putMessages.sum(), getTransferred.sum(), getFound.sum(), getMiss.sum()));
        while (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
        groupGets.forEach((g, n) -> {
            Deque<long[]> d = groupSamples.computeIfAbsent(g, k -> new ArrayDeque<>());
            d.addLast(new long[] {now, n.sum()});
            while (d.size() > 2) {
                d.removeFirst();
            }
        });
    }

    /** {@code "r10s r1m r10m"} of puts per second. */
    public synchronized String putTps() {
        return rates(0);
    }

    /** {@code "r10s r1m r10m"} of messages transferred to consumers per second. */
    public synchronized String getTransferredTps() {
        return rates(1);
    }

    /** {@code "r10s r1m r10m"} of pulls that found messages per second. */
    public synchronized String getFoundTps() {
        return rates(2);
    }

    /** {@code "r10s r1m r10m"} of pulls that found nothing per second. */
    public synchronized String getMissTps() {
        return rates(3);
    }

    /** Messages per second pulled by a group over the last sampling period. */
    public double groupTps(String group) {
        Deque<long[]> d = groupSamples.get(group);
        if (d == null || d.size() < 2) {
            return 0;
        }
        long[] first = d.peekFirst();
        long[] last = d.peekLast();
        long dt = last[0] - first[0];
        return dt <= 0 ? 0 : (last[1] - first[1]) * 1000.0 / dt;
    }

    private String rates(int field) {
        return rate(field, 1) + " " + rate(field, 6) + " " + rate(field, 60);
    }

    private double rate(int field, int periods) {
        if (samples.size() < 2) {
            return 0.0;
        }
        Sample last = samples.peekLast();
        Sample first = null;
        int i = 0;
        var it = samples.descendingIterator();
        while (it.hasNext()) {
            first = it.next();
            if (i++ >= periods) {
                break;
            }
        }
        long dt = last.time() - first.time();
        if (dt <= 0) {
            return 0.0;
        }
        long dv = value(last, field) - value(first, field);
        return Math.round(dv * 100_000.0 / dt) / 100.0;
    }

    private static long value(Sample s, int field) {
        return switch (field) {
            case 0 -> s.put();
            case 1 -> s.transferred();
            case 2 -> s.found();
            default -> s.miss();
        };
    }
}
