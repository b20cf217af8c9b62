package io.carrack.store.lmdb.internal;

import io.carrack.common.message.BrokerMessage;
import io.carrack.common.message.StoredMessageDescriptor;
import io.carrack.spi.store.PutStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks puts before they reach the writer, so that encoding in the write transaction cannot fail: body size,
 * topic length, properties length, hosts, and for batches one topic and queue.
 *
 * <p>Thread safety: stateless.
 */
final class MessageChecks {
    private MessageChecks() {
    }

    /** Null if the message can be stored, else the status to refuse it with. */
    static PutStatus check(BrokerMessage m, int maxBodySize) {
        if (m == null || m.topic() == null || m.bornHost() == null || m.storeHost() == null) {
            return PutStatus.MESSAGE_ILLEGAL;
        }
        if (m.body().length > maxBodySize) {
            return PutStatus.MESSAGE_ILLEGAL;
        }
        int topicLength = m.topicBytes().length;
        if (topicLength == 0 || topicLength > StoredMessageDescriptor.MAX_TOPIC_LENGTH) {
            return PutStatus.MESSAGE_ILLEGAL;
        }
        if (m.propertiesString().getBytes(StandardCharsets.UTF_8).length > StoredMessageDescriptor.MAX_PROPERTIES_LENGTH) {
            return PutStatus.PROPERTIES_SIZE_EXCEEDED;
        }
        return null;
    }

    /** Null if the batch can be stored, else the status to refuse it with. */
    static PutStatus checkBatch(List<BrokerMessage> batch, int maxBodySize) {
        if (batch == null || batch.isEmpty()) {
            return PutStatus.MESSAGE_ILLEGAL;
        }
        BrokerMessage first = batch.get(0);
        for (BrokerMessage m : batch) {
            PutStatus s = check(m, maxBodySize);
            if (s != null) {
                return s;
            }
            if (!first.topic().equals(m.topic()) || first.queueId() != m.queueId()) {
                return PutStatus.MESSAGE_ILLEGAL;
            }
        }
        return null;
    }
}
