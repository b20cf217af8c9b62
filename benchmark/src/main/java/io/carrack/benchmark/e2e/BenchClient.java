package io.carrack.benchmark.e2e;

import java.util.function.Consumer;

/**
 * What the load tool needs from a messaging client, implemented for Carrack's client
 * ({@link CarrackClient}) and for the official Apache RocketMQ 4.9.7 client ({@link RocketMqClient}),
 * so that one scenario can drive either.
 */
interface BenchClient {

    /** Starts a producer of group {@code group}. */
    Sender producer(String group);

    /** Starts a clustering push consumer of {@code topic}; {@code listener} sees every body delivered. */
    Running consumer(ConsumerSpec spec, Consumer<byte[]> listener);

    /** A started client object; {@link #close()} stops it. */
    interface Running extends AutoCloseable {
        @Override
        void close();
    }

    /** Sends messages with fresh message objects and the given body; the body may be shared between sends. */
    interface Sender extends AutoCloseable {
        /** Sends and waits for the broker's answer; throws if the send did not end in SEND_OK. */
        void sendSync(String topic, byte[] body) throws Exception;

        /** Sends without waiting; {@code done} runs once with null on SEND_OK, else with the failure. */
        void sendAsync(String topic, byte[] body, Consumer<Throwable> done);

        /** Sends without any answer. */
        void sendOneway(String topic, byte[] body) throws Exception;

        @Override
        void close();
    }

    /** A push consumer's settings (RocketMQ 4.9.7 defaults: 20 threads, batches of 32 pulled, 1 consumed). */
    record ConsumerSpec(String topic, String group, boolean fromFirst, int consumeThreads, int pullBatchSize,
                        int consumeBatchSize) {
    }

    /** The client named on the command line. */
    enum Kind {
        CARRACK, ROCKETMQ;

        BenchClient open(String namesrv) {
            return this == CARRACK ? new CarrackClient(namesrv) : new RocketMqClient(namesrv);
        }
    }
}
