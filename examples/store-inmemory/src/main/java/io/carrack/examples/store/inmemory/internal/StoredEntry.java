package io.carrack.examples.store.inmemory.internal;

import io.carrack.common.message.MessageConst;
import io.carrack.common.message.MessageSysFlag;
import io.carrack.common.message.StoredMessageCodec;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One message as the store keeps it: the record in the RocketMQ stored layout (what the SPI hands out)
 * plus the fields the store looks things up by, decoded once.
 *
 * <p>Thread safety: immutable; {@link #bytes} is never written after the record is encoded, which is
 * why read-only views of it can be handed out without copying.
 *
 * @param bytes      the record in the stored layout
 * @param tagsCode   the tags code the broker gave the message; not in the record, so it is kept beside it
 * @param queued     whether the record takes a queue offset (prepared and rolled-back transaction records do not)
 * @param keys       the KEYS tokens and the UNIQ_KEY, for {@code queryByKey}
 */
record StoredEntry(byte[] bytes, long tagsCode, long physicalOffset, String topic, int queueId, long queueOffset,
                   boolean queued, long storeTimestamp, Set<String> keys) {

    /** Decodes the look-up fields of an encoded record. Used both for new puts and when loading a snapshot. */
    static StoredEntry of(byte[] bytes, long tagsCode) {
        ByteBuffer record = ByteBuffer.wrap(bytes);
        Map<String, String> properties = StoredMessageCodec.readProperties(record);
        Set<String> keys = new HashSet<>();
        String keysProperty = properties.get(MessageConst.KEYS);
        if (keysProperty != null && !keysProperty.isBlank()) {
            keys.addAll(Set.of(keysProperty.trim().split(" +")));
        }
        String uniqueKey = properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
        if (uniqueKey != null) {
            keys.add(uniqueKey);
        }
        int sysFlag = StoredMessageCodec.readSysFlag(record);
        return new StoredEntry(bytes, tagsCode, StoredMessageCodec.readPhysicalOffset(record),
                StoredMessageCodec.readTopic(record), StoredMessageCodec.readQueueId(record),
                StoredMessageCodec.readQueueOffset(record), takesQueueOffset(sysFlag),
                StoredMessageCodec.readStoreTimestamp(record), Set.copyOf(keys));
    }

    /** Prepared and rolled-back transaction records stay in the log but are not readable from a queue. */
    static boolean takesQueueOffset(int sysFlag) {
        int type = MessageSysFlag.transactionType(sysFlag);
        return type == MessageSysFlag.TRANSACTION_NOT_TYPE || type == MessageSysFlag.TRANSACTION_COMMIT_TYPE;
    }

    int length() {
        return bytes.length;
    }

    /** A read-only view of the record, positioned at its first byte. */
    ByteBuffer view() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }
}
