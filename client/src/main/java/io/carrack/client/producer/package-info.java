/**
 * The producer: {@link io.carrack.client.producer.Producer} sends messages synchronously,
 * asynchronously ({@link java.util.concurrent.CompletableFuture}), one-way, in batches, or to a
 * queue chosen by a {@link io.carrack.client.producer.MessageQueueSelector} for ordered messages.
 */
package io.carrack.client.producer;
