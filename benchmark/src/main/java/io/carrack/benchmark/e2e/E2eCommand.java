package io.carrack.benchmark.e2e;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code mqbench e2e}: a producer at a fixed rate and a push consumer in the same JVM. Each body starts
 * with the run's id and {@link System#nanoTime()} taken just before the send; the consumer records
 * now minus that as the end-to-end latency. Messages of other runs on the topic are counted apart.
 */
final class E2eCommand {
    static final String USAGE = """
            mqbench e2e [--client carrack|rocketmq] [--namesrv 127.0.0.1:9876] [--broker-pid PID] [--topic mqbench-e2e-<time>]
                        [--rate 5000] [--threads 8] [--mode sync|async] [--size 1k] [--duration 30s]
                        [--warmup 5s] [--queues 8] [--inflight 1024] [--drain 5s]
                        [--consume-threads 20] [--pull-batch 32] [--consume-batch 1]""";

    private static final int HEADER = 16;

    private E2eCommand() {
    }

    @SuppressWarnings("try") // the consumer only has to be closed
    static void run(Args args, PrintStream out) throws Exception {
        Common common = Common.parse(args);
        long now0 = System.currentTimeMillis();
        String topic = args.string("topic", "mqbench-e2e-" + now0);
        long rate = args.along("rate", 5000);
        int threads = args.integer("threads", 8);
        SendMode mode = args.choice("mode", SendMode.class, SendMode.SYNC);
        int size = args.bytes("size", 1024);
        Duration duration = args.duration("duration", Duration.ofSeconds(30));
        Duration warmup = args.duration("warmup", Duration.ofSeconds(5));
        int queues = args.integer("queues", 8);
        int inflight = args.integer("inflight", 1024);
        Duration drain = args.duration("drain", Duration.ofSeconds(5));
        String group = "mqbench-e2e-" + now0;
        BenchClient.ConsumerSpec spec = Common.consumerSpec(args, topic, group, true);
        args.rejectUnknown();
        if (size < HEADER) {
            throw new IllegalArgumentException("--size must be at least " + HEADER + " bytes (run id and timestamp)");
        }
        if (mode == SendMode.ONEWAY) {
            throw new IllegalArgumentException("e2e takes --mode sync or async");
        }
        if (rate <= 0 || threads < 1) {
            throw new IllegalArgumentException("--rate and --threads must be positive");
        }

        TopicSetup.create(common.namesrv(), topic, queues);
        long runId = ThreadLocalRandom.current().nextLong();
        byte[] filler = new byte[size];
        ThreadLocalRandom.current().nextBytes(filler);
        Meter sent = new Meter("send", true);
        Meter received = new Meter("e2e", true);
        LongAdder foreign = new LongAdder();
        BenchClient client = common.client().open(common.namesrv());
        out.printf("mqbench e2e %s topic=%s rate=%d threads=%d mode=%s size=%d duration=%s warmup=%s%n",
                common.describe(), topic, rate, threads, mode, size, secs(duration), secs(warmup));
        try (BenchClient.Running consumer = client.consumer(spec, body -> onBody(body, runId, received, foreign));
             BenchClient.Sender sender = client.producer("mqbench-e2e-producer")) {
            long warmupNanos = Math.min(warmup.toNanos(), duration.toNanos() / 2);
            Reporter reporter = new Reporter(out, "e2e", Reporter.list(sent, received), warmupNanos, false, common.brokerPid());
            long start = reporter.startNanos();
            long deadline = start + duration.toNanos();
            LoadGenerator gen = new LoadGenerator(sender, topic, mode, threads, 0, new Pacer(start, rate),
                    () -> stamped(filler, runId), sent, inflight);
            gen.start(deadline);
            while (System.nanoTime() < deadline) {
                reporter.awaitAndTick(deadline);
            }
            gen.stop();
            gen.awaitDone(10_000);
            long drainUntil = System.nanoTime() + drain.toNanos();
            while (received.ops() < sent.ops() && System.nanoTime() < drainUntil) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            reporter.summary(String.format(Locale.ROOT, "%s rate=%d threads=%d mode=%s size=%d sentTotal=%d"
                            + " receivedTotal=%d missing=%d foreign=%d", common.describe(), rate, threads,
                    mode.name().toLowerCase(Locale.ROOT), size, sent.ops(), received.ops(),
                    Math.max(0, sent.ops() - received.ops()), foreign.sum()));
            if (gen.firstError() != null) {
                out.println("first send error: " + gen.firstError());
            }
        }
    }

    private static byte[] stamped(byte[] filler, long runId) {
        byte[] body = filler.clone();
        ByteBuffer.wrap(body).putLong(runId).putLong(System.nanoTime());
        return body;
    }

    private static void onBody(byte[] body, long runId, Meter received, LongAdder foreign) {
        if (body.length < HEADER) {
            foreign.increment();
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        if (b.getLong() != runId) {
            foreign.increment();
            return;
        }
        received.success(body.length, (System.nanoTime() - b.getLong()) / 1000);
    }

    private static String secs(Duration d) {
        return d.toMillis() / 1000.0 + "s";
    }
}
