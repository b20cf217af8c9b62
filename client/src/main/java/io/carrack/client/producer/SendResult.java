package io.carrack.client.producer;

import io.carrack.common.message.MessageQueue;

/**
 * The answer to a send.
 *
 * <p>Thread safety: immutable.
 *
 * @param status          how the broker stored it
 * @param messageId       the message's unique id ({@code UNIQ_KEY}); for a batch, the ids joined by commas
 * @param offsetMessageId the broker's offset id(s) (store host and physical offset)
 * @param queue           the queue it went to
 * @param queueOffset     its offset in the queue (the first one for a batch)
 * @param regionId        the broker's region
 */
public record SendResult(SendStatus status, String messageId, String offsetMessageId, MessageQueue queue,
                         long queueOffset, String regionId) {
}
