package io.carrack.compat.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.common.message.MessageClientExt;
import org.apache.rocketmq.common.message.MessageExt;

/** Thread-safe record of the messages a consumer received, in arrival order. */
public final class Inbox {

    private final List<MessageExt> messages = new ArrayList<>();

    /** Records {@code message}. */
    public synchronized void add(MessageExt message) {
        messages.add(message);
    }

    /** Records {@code batch} in order. */
    public synchronized void addAll(List<MessageExt> batch) {
        messages.addAll(batch);
    }

    /** A copy of what was received so far. */
    public synchronized List<MessageExt> snapshot() {
        return new ArrayList<>(messages);
    }

    /** How many messages (duplicates included) were received so far. */
    public synchronized int size() {
        return messages.size();
    }

    /** A listener that records every message and acknowledges it. */
    public MessageListenerConcurrently recordingListener() {
        return (batch, context) -> {
            addAll(batch);
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        };
    }

    /** The distinct values of {@code f} over what was received, in first-arrival order. */
    public <T> Set<T> distinct(Function<MessageExt, T> f) {
        return snapshot().stream().map(f).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The values of {@code f} over what was received, duplicates included. */
    public <T> List<T> all(Function<MessageExt, T> f) {
        return snapshot().stream().map(f).toList();
    }

    /** Waits until the received messages' keys include all of {@code expectedKeys}. */
    public void awaitKeys(Set<String> expectedKeys, Duration timeout) {
        Await.await(expectedKeys.size() + " messages with the expected keys", timeout,
                () -> distinct(MessageExt::getKeys).containsAll(expectedKeys),
                () -> "received keys " + distinct(MessageExt::getKeys));
    }

    /** Waits until at least {@code count} messages (duplicates included) were received. */
    public void awaitSize(int count, Duration timeout) {
        Await.await(count + " messages", timeout, () -> size() >= count, () -> "received " + size());
    }

    /** The body of {@code message} as UTF-8. */
    public static String body(MessageExt message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    /** The broker-assigned (offset) message id of a received message. */
    public static String offsetMsgId(MessageExt message) {
        return message instanceof MessageClientExt ext ? ext.getOffsetMsgId() : message.getMsgId();
    }

    /** The client-assigned unique id ({@code UNIQ_KEY}) of a received message. */
    public static String uniqueId(MessageExt message) {
        return message.getMsgId();
    }
}
