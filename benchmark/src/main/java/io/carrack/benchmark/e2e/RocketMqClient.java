package io.carrack.benchmark.e2e;

import java.util.function.Consumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * {@link BenchClient} over the official Apache RocketMQ 4.9.7 client, configured as an application
 * would be, except that the VIP channel (broker port - 2, which Carrack does not open) is off.
 */
final class RocketMqClient implements BenchClient {
    private final String namesrv;

    RocketMqClient(String namesrv) {
        this.namesrv = namesrv;
    }

    @Override
    public Sender producer(String group) {
        DefaultMQProducer producer = new DefaultMQProducer(group);
        producer.setNamesrvAddr(namesrv);
        producer.setVipChannelEnabled(false);
        producer.setInstanceName("mqbench-" + group);
        try {
            producer.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the RocketMQ producer", e);
        }
        return new Sender() {
            @Override
            public void sendSync(String topic, byte[] body) throws Exception {
                SendResult r = producer.send(new Message(topic, body));
                if (r.getSendStatus() != SendStatus.SEND_OK) {
                    throw new IllegalStateException("send status " + r.getSendStatus());
                }
            }

            @Override
            public void sendAsync(String topic, byte[] body, Consumer<Throwable> done) {
                try {
                    producer.send(new Message(topic, body), new SendCallback() {
                        @Override
                        public void onSuccess(SendResult r) {
                            done.accept(r.getSendStatus() == SendStatus.SEND_OK ? null
                                    : new IllegalStateException("send status " + r.getSendStatus()));
                        }

                        @Override
                        public void onException(Throwable e) {
                            done.accept(e);
                        }
                    });
                } catch (Exception e) {
                    done.accept(e);
                }
            }

            @Override
            public void sendOneway(String topic, byte[] body) throws Exception {
                producer.sendOneway(new Message(topic, body));
            }

            @Override
            public void close() {
                producer.shutdown();
            }
        };
    }

    @Override
    public Running consumer(ConsumerSpec spec, Consumer<byte[]> listener) {
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(spec.group());
        consumer.setNamesrvAddr(namesrv);
        consumer.setVipChannelEnabled(false);
        consumer.setInstanceName("mqbench-" + spec.group());
        consumer.setConsumeFromWhere(spec.fromFirst() ? ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET
                : ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET);
        consumer.setConsumeThreadMin(spec.consumeThreads());
        consumer.setConsumeThreadMax(spec.consumeThreads());
        consumer.setPullBatchSize(spec.pullBatchSize());
        consumer.setConsumeMessageBatchMaxSize(spec.consumeBatchSize());
        consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
            for (MessageExt m : messages) {
                listener.accept(m.getBody());
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        try {
            consumer.subscribe(spec.topic(), "*");
            consumer.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the RocketMQ consumer", e);
        }
        return consumer::shutdown;
    }
}
