package io.carrack.client.consumer;

/**
 * How a consumer group shares a topic.
 *
 * <p>Thread safety: immutable.
 */
public enum MessageModel {
    /** Each message goes to one consumer of the group; queues are divided; offsets live on the brokers. */
    CLUSTERING,
    /** Each consumer gets every message; offsets live in a local file of each consumer. */
    BROADCASTING
}
