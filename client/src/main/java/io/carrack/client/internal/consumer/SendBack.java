package io.carrack.client.internal.consumer;

import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.internal.ClientInstance;

/** CONSUMER_SEND_MSG_BACK of one message to the master of the broker it came from. */
final class SendBack {
    private SendBack() {
    }

    /**
     * Hands a message back to the broker for retry.
     *
     * @param delayLevel 0 = the broker decides, -1 = straight to the DLQ
     * @throws RuntimeException when the broker could not be reached or refused
     */
    static void send(ClientInstance client, String group, ReceivedMessage msg, int delayLevel,
                     int maxReconsumeTimes) {
        String brokerName = msg.queue().brokerName();
        String addr = StartOffsets.master(client, msg.queue());
        client.api().sendBack(addr, msg.commitLogOffset(), group, delayLevel, msg.messageId(), msg.topic(),
                maxReconsumeTimes, brokerName);
    }
}
