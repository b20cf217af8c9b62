package io.carrack.filter.server.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Filter classes written for the RocketMQ 4.x client ({@code org.apache.rocketmq.common.filter.MessageFilter},
 * {@code match(MessageExt, FilterContext)}) run in the sandbox through its stand-in types, under the same
 * rules as Carrack filters.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RocketMqApiTest {
    private static final String GROUP = "rmq-group";
    private static FilterSandbox sandbox;

    private static final List<FakeView> MESSAGES = List.of(
            new FakeView("TagA", Map.of("n", "11"), "order big", 0),
            new FakeView("TagB", Map.of("n", "50"), "order big", 1),
            new FakeView("TagA", Map.of("n", "3"), "order small", 2),
            new FakeView("TagA", Map.of(), "order big", 3));

    @BeforeAll
    static void start() {
        sandbox = new FilterSandbox(SandboxLimits.defaults().withMatchBudget(Duration.ofMillis(1000)));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static FilterSandbox.Registration register(String topic, String className, String source) {
        byte[] bytes = FilterSources.utf8(source);
        return sandbox.register(GROUP, topic, className, FilterSandbox.crc(bytes), bytes);
    }

    private static String rocketmqFilter(String name, String matchBody) {
        return "package com.example;\n"
                + "import java.util.Map;\n"
                + "import org.apache.rocketmq.common.filter.FilterContext;\n"
                + "import org.apache.rocketmq.common.filter.MessageFilter;\n"
                + "import org.apache.rocketmq.common.message.MessageExt;\n"
                + "public class " + name + " implements MessageFilter {\n"
                + "    @Override\n"
                + "    public boolean match(MessageExt msg, FilterContext context) {\n"
                + matchBody + "\n"
                + "    }\n"
                + "}\n";
    }

    @Test
    void aRocketMqFilterSeesTheMessageAndTheConsumerGroup() {
        String source = rocketmqFilter("BigTagA", """
                        Map<String, String> props = msg.getProperties();
                        String n = msg.getProperty("n");
                        return "TagA".equals(msg.getTags()) && n != null && Integer.parseInt(n) > 5
                                && new String(msg.getBody(), java.nio.charset.StandardCharsets.UTF_8).endsWith("big")
                                && props.containsKey("n") && "rmq-group".equals(context.getConsumerGroup())
                                && msg.getQueueOffset() == msg.getCommitLogOffset() - 1000
                                && "10.0.0.1".equals(msg.getBornHostString()) && msg.getMsgId().startsWith("id-")
                                && msg.getTopic().equals("T") && msg.getReconsumeTimes() == 0;
                """);
        FilterSandbox.Registration r = register("rmq-ok", "com.example.BigTagA", source);
        assertTrue(r.ok(), r::message);
        FilterSandbox.Matches m = sandbox.match(GROUP, "rmq-ok", MESSAGES);
        assertEquals(FilterSandbox.Matches.Status.OK, m.status(), m.message());
        assertArrayEquals(new boolean[] {true, false, false, false}, m.matches());
    }

    @Test
    void theSandboxRulesStillApply() {
        FilterSandbox.Registration exit = register("rmq-exit", "com.example.Exit",
                rocketmqFilter("Exit", "System.exit(1); return true;"));
        assertFalse(exit.ok());
        assertTrue(exit.message().contains("com.example.Exit uses java.lang.System.exit"), exit.message());

        FilterSandbox.Registration host = register("rmq-host", "com.example.Host",
                rocketmqFilter("Host", "return msg.getBornHost() != null;"));
        assertFalse(host.ok(), "no java.net.SocketAddress getters");
        assertTrue(host.message().contains("compilation failed"), host.message());

        FilterSandbox.Registration throwing = register("rmq-throw", "com.example.Throw",
                rocketmqFilter("Throw", "if (msg.getQueueOffset() == 2) { throw new IllegalStateException(\"bad\"); }"
                        + " return true;"));
        assertTrue(throwing.ok(), throwing::message);
        FilterSandbox.Matches m = sandbox.match(GROUP, "rmq-throw", MESSAGES);
        assertEquals(FilterSandbox.Matches.Status.DISABLED, m.status());
        assertTrue(m.message().contains("threw java.lang.IllegalStateException: bad on the message at queue offset 2"),
                m.message());
    }

    @Test
    void aClassImplementingNeitherInterfaceIsRefused() {
        FilterSandbox.Registration r = register("rmq-none", "com.example.Nothing",
                "package com.example;\n"
                        + "// not an org.apache.rocketmq.common.filter.MessageFilter\n"
                        + "public class Nothing { public boolean match(Object o) { return true; } }\n");
        assertFalse(r.ok());
        assertTrue(r.message().contains("does not implement io.carrack.filter.server.api.MessageFilter (or "
                + "org.apache.rocketmq.common.filter.MessageFilter)"), r.message());
    }
}
