package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.common.message.MessageQueue;
import java.util.List;

/** Runs the listener over pulled messages and moves offsets forward. */
interface ConsumeService {
    /** New messages of {@code mq} were cached in {@code pq}. */
    void submit(MessageQueue mq, ProcessQueue pq, List<ReceivedMessage> msgs, boolean dispatch);

    /** Stops taking work and waits up to {@code awaitMillis} for running listeners. */
    void shutdown(long awaitMillis);
}
