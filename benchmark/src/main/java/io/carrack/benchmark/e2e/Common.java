package io.carrack.benchmark.e2e;

/**
 * Options every scenario takes: which client, which name server and, optionally, the broker's pid
 * ({@code --broker-pid}, for its CPU time per message in the summary).
 */
record Common(BenchClient.Kind client, String namesrv, String brokerPid) {

    static Common parse(Args args) {
        return new Common(args.choice("client", BenchClient.Kind.class, BenchClient.Kind.CARRACK),
                args.string("namesrv", "127.0.0.1:9876"), args.string("broker-pid", null));
    }

    String describe() {
        return "client=" + client.name().toLowerCase(java.util.Locale.ROOT) + " namesrv=" + namesrv;
    }

    static BenchClient.ConsumerSpec consumerSpec(Args args, String topic, String group, boolean fromFirst) {
        return new BenchClient.ConsumerSpec(topic, group, fromFirst, args.integer("consume-threads", 20),
                args.integer("pull-batch", 32), args.integer("consume-batch", 1));
    }
}
