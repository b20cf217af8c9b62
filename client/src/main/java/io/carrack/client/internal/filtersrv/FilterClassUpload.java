package io.carrack.client.internal.filtersrv;

import io.carrack.remoting.RemotingCommand;
import io.carrack.remoting.protocol.RequestCode;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The REGISTER_MESSAGE_FILTER_CLASS (302) request of one class-filter subscription, as the RocketMQ 4.x
 * client sends it: header {@code consumerGroup}, {@code topic}, {@code className} and {@code classCRC}
 * (CRC32 of the UTF-8 source with the sign bit cleared), body the source.
 *
 * @param group     consumer group
 * @param topic     topic
 * @param className fully qualified filter class name
 * @param source    the source, UTF-8
 * @param crc       {@code classCRC}
 */
record FilterClassUpload(String group, String topic, String className, byte[] source, int crc) {
    /** The upload of a class and its source. */
    static FilterClassUpload of(String group, String topic, String className, String source) {
        byte[] body = source.getBytes(StandardCharsets.UTF_8);
        return new FilterClassUpload(group, topic, className, body, crc(body));
    }

    /** CRC32 masked with 0x7FFFFFFF. */
    static int crc(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    /** Identifies the filter a filter server holds: class name and CRC on a topic. */
    String key() {
        return topic + "|" + className + "|" + crc;
    }

    RemotingCommand command() {
        return RemotingCommand.request(RequestCode.REGISTER_MESSAGE_FILTER_CLASS)
                .field("consumerGroup", group).field("topic", topic).field("className", className)
                .field("classCRC", crc).body(source);
    }
}
