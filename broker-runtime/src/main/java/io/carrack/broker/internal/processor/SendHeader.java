package io.carrack.broker.internal.processor;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.RequestCode;

/**
 * The send request header (PROTOCOL.md section 6.1): long keys for SEND_MESSAGE (10), one-letter keys
 * {@code a..n} for SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320).
 *
 * @param producerGroup         a
 * @param topic                 b
 * @param defaultTopic          c
 * @param defaultTopicQueueNums d
 * @param queueId               e
 * @param sysFlag               f
 * @param bornTimestamp         g
 * @param flag                  h
 * @param properties            i, may be null
 * @param reconsumeTimes        j, 0 when absent
 * @param unitMode              k
 * @param maxReconsumeTimes     l, null when absent
 * @param batch                 m
 * @param brokerName            n, may be null
 */
public record SendHeader(String producerGroup, String topic, String defaultTopic, int defaultTopicQueueNums,
                         int queueId, int sysFlag, long bornTimestamp, int flag, String properties,
                         int reconsumeTimes, boolean unitMode, Integer maxReconsumeTimes, boolean batch,
                         String brokerName) {

    /** Decodes the header of a send request of any of the three codes. */
    public static SendHeader of(RemotingCommand r) {
        if (r.code() == RequestCode.SEND_MESSAGE) {
            return new SendHeader(r.requireField("producerGroup"), r.requireField("topic"),
                    r.requireField("defaultTopic"), r.intField("defaultTopicQueueNums"), r.intField("queueId"),
                    r.intField("sysFlag"), r.longField("bornTimestamp"), r.intField("flag"), r.field("properties"),
                    r.intField("reconsumeTimes", 0), r.booleanField("unitMode", false),
                    r.field("maxReconsumeTimes") == null ? null : r.intField("maxReconsumeTimes"),
                    r.booleanField("batch", false), r.field("bname"));
        }
        return new SendHeader(r.requireField("a"), r.requireField("b"), r.requireField("c"), r.intField("d"),
                r.intField("e"), r.intField("f"), r.longField("g"), r.intField("h"), r.field("i"),
                r.intField("j", 0), r.booleanField("k", false), r.field("l") == null ? null : r.intField("l"),
                r.booleanField("m", false), r.field("n"));
    }
}
