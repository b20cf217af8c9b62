package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.AllocateStrategy;
import io.carrack.common.message.MessageQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A consistent-hash ring. Each consumer gets {@code virtualNodes} points, hashed from
 * {@code "<clientId>-<i>"}; a queue goes to the first point at or after the hash of its RocketMQ
 * text form {@code "MessageQueue [topic=T, brokerName=B, queueId=N]"}, wrapping around. The hash is
 * the first four bytes of the MD5 digest as an unsigned number, as in RocketMQ, so both clients agree.
 */
public final class AllocateConsistentHash implements AllocateStrategy {
    private final int virtualNodes;

    /** A ring with {@code virtualNodes} points per consumer. */
    public AllocateConsistentHash(int virtualNodes) {
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("virtualNodes must be at least 1: " + virtualNodes);
        }
        this.virtualNodes = virtualNodes;
    }

    @Override
    public String name() {
        return "CONSISTENT_HASH";
    }

    @Override
    public List<MessageQueue> allocate(String group, String clientId, List<MessageQueue> queues,
                                       List<String> clientIds) {
        if (!AllocateChecks.check(clientId, queues, clientIds)) {
            return List.of();
        }
        MessageDigest md5 = md5();
        TreeMap<Long, String> ring = new TreeMap<>();
        for (String id : clientIds) {
            for (int i = 0; i < virtualNodes; i++) {
                ring.put(hash(md5, id + "-" + i), id);
            }
        }
        List<MessageQueue> result = new ArrayList<>();
        for (MessageQueue mq : queues) {
            String key = "MessageQueue [topic=" + mq.topic() + ", brokerName=" + mq.brokerName() + ", queueId="
                    + mq.queueId() + "]";
            SortedMap<Long, String> tail = ring.tailMap(hash(md5, key));
            Map.Entry<Long, String> owner = tail.isEmpty() ? ring.firstEntry() : Map.entry(tail.firstKey(),
                    tail.get(tail.firstKey()));
            if (clientId.equals(owner.getValue())) {
                result.add(mq);
            }
        }
        return result;
    }

    static long hash(MessageDigest md5, String key) {
        md5.reset();
        byte[] digest = md5.digest(key.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 4; i++) {
            h = (h << 8) | (digest[i] & 0xFF);
        }
        return h;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
