package io.carrack.benchmark.e2e;

import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code mqbench consume}: a push consumer of a new group reads a topic from its first offset (a
 * backlog left by {@code produce}) and stops when the backlog is drained (no message for {@code --idle},
 * or {@code --count} received) or at {@code --duration}. The rate is over first to last message.
 */
final class ConsumeCommand {
    static final String USAGE = """
            mqbench consume [--client carrack|rocketmq] [--namesrv 127.0.0.1:9876] [--broker-pid PID] [--topic mqbench]
                            [--group mqbench-consumer-<time>] [--from first|last] [--duration 120s] [--count N]
                            [--idle 3s] [--consume-threads 20] [--pull-batch 32] [--consume-batch 1]""";

    enum From { FIRST, LAST }

    private ConsumeCommand() {
    }

    @SuppressWarnings("try") // the consumer only has to be closed
    static void run(Args args, PrintStream out) throws Exception {
        Common common = Common.parse(args);
        String topic = args.string("topic", "mqbench");
        String group = args.string("group", "mqbench-consumer-" + System.currentTimeMillis());
        From from = args.choice("from", From.class, From.FIRST);
        Duration duration = args.duration("duration", Duration.ofSeconds(120));
        long count = args.along("count", 0);
        Duration idle = args.duration("idle", Duration.ofSeconds(3));
        BenchClient.ConsumerSpec spec = Common.consumerSpec(args, topic, group, from == From.FIRST);
        args.rejectUnknown();

        Meter received = new Meter("recv", false);
        BenchClient client = common.client().open(common.namesrv());
        out.printf("mqbench consume %s topic=%s group=%s from=%s threads=%d pullBatch=%d consumeBatch=%d%n",
                common.describe(), topic, group, from, spec.consumeThreads(), spec.pullBatchSize(),
                spec.consumeBatchSize());
        Reporter reporter = new Reporter(out, "consume", Reporter.list(received), 0, true, common.brokerPid());
        long deadline = reporter.startNanos() + duration.toNanos();
        String why;
        try (BenchClient.Running consumer = client.consumer(spec, body -> received.success(body.length, 0))) {
            while (true) {
                reporter.awaitAndTick(deadline);
                long now = System.nanoTime();
                if (count > 0 && received.ops() >= count) {
                    why = "count reached";
                    break;
                }
                if (received.ops() > 0 && now - received.lastNanos() >= idle.toNanos()) {
                    why = "drained (idle " + idle.toMillis() + " ms)";
                    break;
                }
                if (now >= deadline) {
                    why = "duration reached";
                    break;
                }
            }
            reporter.summary(String.format("%s threads=%d pullBatch=%d stop=%s", common.describe(),
                    spec.consumeThreads(), spec.pullBatchSize(), why.replace(' ', '_')));
        }
    }
}
