/**
 * Carrack's shared vocabulary: the message model, the RocketMQ 4.x stored-message codec, message ids,
 * configuration binding and lifecycle helpers.
 */
module io.carrack.common {
    requires transitive org.slf4j;

    exports io.carrack.common.message;
    exports io.carrack.common.config;
    exports io.carrack.common.lifecycle;
}
