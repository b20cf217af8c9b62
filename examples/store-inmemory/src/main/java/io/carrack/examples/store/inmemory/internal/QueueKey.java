package io.carrack.examples.store.inmemory.internal;

/** A (topic, queue id) pair, the key of the queue table. */
record QueueKey(String topic, int queueId) {
}
