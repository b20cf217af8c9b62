package io.carrack.client.internal.producer;

import io.carrack.client.ClientSettings;

/**
 * Everything a producer is built with; validated by the builder.
 *
 * @param settings                      shared client settings
 * @param group                         producer group
 * @param sendTimeoutMillis             total time of a sync send
 * @param retryTimesWhenSendFailed      sync retries
 * @param retryTimesWhenSendAsyncFailed async retries
 * @param compressThreshold             body size from which to compress
 * @param maxMessageSize                largest body
 * @param defaultTopicQueueNums         queues of an auto-created topic
 * @param retryAnotherBrokerWhenNotStoreOK retry on flush/slave timeouts too
 */
public record ProducerConfig(ClientSettings settings, String group, long sendTimeoutMillis,
                             int retryTimesWhenSendFailed, int retryTimesWhenSendAsyncFailed, int compressThreshold,
                             int maxMessageSize, int defaultTopicQueueNums, boolean retryAnotherBrokerWhenNotStoreOK) {
}
