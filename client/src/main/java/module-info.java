/**
 * Carrack's Java client: a producer ({@link io.carrack.client.producer.Producer}), a push consumer
 * ({@link io.carrack.client.consumer.PushConsumer}) and a pull consumer
 * ({@link io.carrack.client.consumer.PullConsumer}) speaking the RocketMQ 4.x protocol. Only the API
 * packages are exported; the implementation stays in {@code io.carrack.client.internal}.
 */
module io.carrack.client {
    requires transitive io.carrack.common;
    requires io.carrack.remoting;
    requires com.alibaba.fastjson2;
    requires org.slf4j;

    exports io.carrack.client;
    exports io.carrack.client.producer;
    exports io.carrack.client.consumer;
}
