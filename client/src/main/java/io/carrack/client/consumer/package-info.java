/**
 * Consumers: {@link io.carrack.client.consumer.PushConsumer} (the client pulls in the background and
 * calls a listener) and {@link io.carrack.client.consumer.PullConsumer} (the application polls), with
 * subscriptions ({@link io.carrack.client.consumer.Selector}) and queue allocation strategies
 * ({@link io.carrack.client.consumer.AllocateStrategy}).
 */
package io.carrack.client.consumer;
