package io.carrack.client.internal.consumer;

import io.carrack.client.ClientException;
import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.internal.ClientInstance;
import io.carrack.client.internal.MixTopics;
import io.carrack.common.message.MessageQueue;

/**
 * Where pulling of a newly held queue starts (PROTOCOL.md section 13.12): the stored offset when
 * there is one; otherwise by {@link ConsumeFromWhere}, with retry topics from 0 (last) or their end
 * (timestamp).
 */
final class StartOffsets {
    private StartOffsets() {
    }

    /**
     * The starting offset.
     *
     * @throws ClientException when the broker cannot be asked
     */
    static long compute(ClientInstance client, OffsetStore store, MessageQueue mq, ConsumeFromWhere where,
                        long consumeTimestamp) {
        long stored = store.read(mq, OffsetStore.ReadType.STORE);
        if (stored >= 0) {
            return stored;
        }
        boolean retry = mq.topic().startsWith(MixTopics.RETRY_PREFIX);
        return switch (where) {
            case CONSUME_FROM_FIRST_OFFSET -> 0;
            case CONSUME_FROM_LAST_OFFSET -> retry ? 0 : maxOffset(client, mq);
            case CONSUME_FROM_TIMESTAMP -> retry ? maxOffset(client, mq)
                    : client.api().searchOffset(master(client, mq), mq, consumeTimestamp, client.timeoutMillis());
        };
    }

    static long maxOffset(ClientInstance client, MessageQueue mq) {
        return client.api().maxOffset(master(client, mq), mq, client.timeoutMillis());
    }

    static long minOffset(ClientInstance client, MessageQueue mq) {
        return client.api().minOffset(master(client, mq), mq, client.timeoutMillis());
    }

    static String master(ClientInstance client, MessageQueue mq) {
        String addr = client.masterAddr(mq.brokerName(), mq.topic());
        if (addr == null) {
            throw new ClientException("no master of broker " + mq.brokerName() + " for " + mq);
        }
        return addr;
    }
}
