package io.carrack.benchmark.e2e;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code mqbench produce}: N threads send messages of a fixed size, sync, async or one-way, at full
 * speed or at a fixed total rate, bounded by a duration and optionally a count.
 */
final class ProduceCommand {
    static final String USAGE = """
            mqbench produce [--client carrack|rocketmq] [--namesrv 127.0.0.1:9876] [--broker-pid PID] [--topic mqbench]
                            [--threads 16] [--size 1k] [--mode sync|async|oneway] [--duration 30s] [--count N]
                            [--rate msgs/s] [--inflight 1024] [--queues 8] [--warmup 5s] [--group mqbench-producer]
                            [--no-create]""";

    private ProduceCommand() {
    }

    static void run(Args args, PrintStream out) throws Exception {
        Common common = Common.parse(args);
        String topic = args.string("topic", "mqbench");
        int threads = args.integer("threads", 16);
        int size = args.bytes("size", 1024);
        SendMode mode = args.choice("mode", SendMode.class, SendMode.SYNC);
        Duration duration = args.duration("duration", Duration.ofSeconds(30));
        long count = args.along("count", 0);
        long rate = args.along("rate", 0);
        int inflight = args.integer("inflight", 1024);
        int queues = args.integer("queues", 8);
        Duration warmup = args.duration("warmup", Duration.ofSeconds(5));
        String group = args.string("group", "mqbench-producer");
        boolean create = !args.has("no-create");
        args.rejectUnknown();
        if (threads < 1 || size < 1 || inflight < 1 || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("threads, size, inflight and duration must be positive");
        }

        if (create) {
            TopicSetup.create(common.namesrv(), topic, queues);
        }
        byte[] body = new byte[size];
        ThreadLocalRandom.current().nextBytes(body);
        BenchClient client = common.client().open(common.namesrv());
        Meter sent = new Meter("send", mode != SendMode.ONEWAY);
        try (BenchClient.Sender sender = client.producer(group)) {
            out.printf("mqbench produce %s topic=%s threads=%d size=%d mode=%s duration=%s count=%s rate=%s warmup=%s%n",
                    common.describe(), topic, threads, size, mode, secs(duration), count > 0 ? count : "-",
                    rate > 0 ? rate : "max", secs(warmup));
            // A long warm-up on a short run would leave nothing to measure.
            long warmupNanos = Math.min(warmup.toNanos(), duration.toNanos() / 2);
            Reporter reporter = new Reporter(out, "produce", Reporter.list(sent), warmupNanos, false, common.brokerPid());
            long start = reporter.startNanos();
            long deadline = start + duration.toNanos();
            LoadGenerator gen = new LoadGenerator(sender, topic, mode, threads, count, new Pacer(start, rate),
                    () -> body, sent, inflight);
            gen.start(deadline);
            while (System.nanoTime() < deadline && !gen.finished()) {
                reporter.awaitAndTick(deadline);
            }
            gen.stop();
            gen.awaitDone(10_000);
            reporter.summary(String.format("%s mode=%s threads=%d size=%d rate=%s", common.describe(),
                    mode.name().toLowerCase(java.util.Locale.ROOT), threads, size, rate > 0 ? rate : "max"));
            if (gen.firstError() != null) {
                out.println("first send error: " + gen.firstError());
            }
        }
    }

    private static String secs(Duration d) {
        return d.toMillis() / 1000.0 + "s";
    }
}
