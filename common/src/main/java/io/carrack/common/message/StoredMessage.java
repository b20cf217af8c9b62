package io.carrack.common.message;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A message decoded from the stored layout, with every field the store assigned.
 *
 * @param storeSize                 TOTALSIZE of the record
 * @param bodyCrc                   CRC32 of the stored body masked with 0x7FFFFFFF
 * @param queueId                   queue id
 * @param flag                      user flag
 * @param queueOffset               offset in the consume queue
 * @param physicalOffset            commit-log offset of the record
 * @param sysFlag                   system flag bits ({@link MessageSysFlag})
 * @param bornTimestamp             producer clock, ms
 * @param bornHost                  producer address
 * @param storeTimestamp            broker clock at append, ms
 * @param storeHost                 broker address
 * @param reconsumeTimes            times the message was re-consumed
 * @param preparedTransactionOffset commit-log offset of the half message, or 0
 * @param body                      body as stored
 * @param topic                     topic
 * @param properties                decoded properties
 */
public record StoredMessage(int storeSize, int bodyCrc, int queueId, int flag, long queueOffset, long physicalOffset,
                            int sysFlag, long bornTimestamp, InetSocketAddress bornHost, long storeTimestamp,
                            InetSocketAddress storeHost, int reconsumeTimes, long preparedTransactionOffset,
                            byte[] body, String topic, Map<String, String> properties) {

    /** The offset message id built from store host and physical offset. */
    public String offsetMessageId() {
        return MessageIds.offsetId(storeHost, physicalOffset);
    }

    /** The TAGS property, or null. */
    public String tags() {
        return properties.get(MessageConst.TAGS);
    }

    /** The KEYS property, or null. */
    public String keys() {
        return properties.get(MessageConst.KEYS);
    }

    /** The UNIQ_KEY property, or null. */
    public String uniqueKey() {
        return properties.get(MessageConst.UNIQ_CLIENT_MESSAGE_ID_KEYIDX);
    }
}
