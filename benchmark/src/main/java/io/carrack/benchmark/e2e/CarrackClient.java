package io.carrack.benchmark.e2e;

import io.carrack.client.consumer.ConsumeConcurrentlyStatus;
import io.carrack.client.consumer.ConsumeFromWhere;
import io.carrack.client.consumer.PushConsumer;
import io.carrack.client.consumer.ReceivedMessage;
import io.carrack.client.consumer.Selector;
import io.carrack.client.producer.Producer;
import io.carrack.client.producer.SendResult;
import io.carrack.client.producer.SendStatus;
import io.carrack.common.message.Message;
import java.util.function.Consumer;

/** {@link BenchClient} over Carrack's own client ({@code io.carrack.client}). */
final class CarrackClient implements BenchClient {
    private final String namesrv;

    CarrackClient(String namesrv) {
        this.namesrv = namesrv;
    }

    @Override
    public Sender producer(String group) {
        Producer producer = Producer.builder().namesrvAddr(namesrv).group(group).build();
        return new Sender() {
            @Override
            public void sendSync(String topic, byte[] body) {
                SendResult r = producer.send(new Message(topic, body));
                if (r.status() != SendStatus.SEND_OK) {
                    throw new IllegalStateException("send status " + r.status());
                }
            }

            @Override
            public void sendAsync(String topic, byte[] body, Consumer<Throwable> done) {
                producer.sendAsync(new Message(topic, body)).whenComplete((r, e) -> {
                    if (e != null) {
                        done.accept(e);
                    } else if (r.status() != SendStatus.SEND_OK) {
                        done.accept(new IllegalStateException("send status " + r.status()));
                    } else {
                        done.accept(null);
                    }
                });
            }

            @Override
            public void sendOneway(String topic, byte[] body) {
                producer.sendOneway(new Message(topic, body));
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }

    @Override
    public Running consumer(ConsumerSpec spec, Consumer<byte[]> listener) {
        PushConsumer consumer = PushConsumer.builder()
                .namesrvAddr(namesrv)
                .group(spec.group())
                .subscribe(spec.topic(), Selector.all())
                .consumeFromWhere(spec.fromFirst() ? ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET
                        : ConsumeFromWhere.CONSUME_FROM_LAST_OFFSET)
                .consumeThreads(spec.consumeThreads())
                .pullBatchSize(spec.pullBatchSize())
                .consumeMessageBatchMaxSize(spec.consumeBatchSize())
                .concurrentListener((messages, context) -> {
                    for (ReceivedMessage m : messages) {
                        listener.accept(m.body());
                    }
                    return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
                })
                .build();
        return consumer::close;
    }
}
