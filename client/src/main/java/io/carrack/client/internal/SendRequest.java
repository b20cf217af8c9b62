package io.carrack.client.internal;

/**
 * The fields of a SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE request (PROTOCOL.md section 6.1).
 *
 * @param producerGroup          a: producer group
 * @param topic                  b: topic
 * @param defaultTopic           c: topic to inherit from when auto-creating (TBW102)
 * @param defaultTopicQueueNums  d: queue count of an auto-created topic
 * @param queueId                e: queue id
 * @param sysFlag                f: message sys flag
 * @param bornTimestamp          g: client clock, ms
 * @param flag                   h: user flag
 * @param properties             i: encoded properties
 * @param reconsumeTimes         j: reconsume times
 * @param maxReconsumeTimes      l: max reconsume times, or null
 * @param batch                  m: batch body
 * @param brokerName             n: broker name
 * @param body                   the body
 */
public record SendRequest(String producerGroup, String topic, String defaultTopic, int defaultTopicQueueNums,
                          int queueId, int sysFlag, long bornTimestamp, int flag, String properties,
                          int reconsumeTimes, Integer maxReconsumeTimes, boolean batch, String brokerName,
                          byte[] body) {
}
