package io.carrack.filter.server.internal;

import static io.carrack.filter.server.internal.FilterSources.filter;
import static io.carrack.filter.server.internal.FilterSources.honest;
import static io.carrack.filter.server.internal.FilterSources.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox against hostile filters: each kind is refused at registration (on its bytecode) or
 * disabled when it misbehaves, while an honest filter in the same sandbox keeps working.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FilterSandboxTest {
    private static final String GROUP = "G";
    private static FilterSandbox sandbox;
    private static int topics;

    private static final List<FakeView> MESSAGES = List.of(
            new FakeView("TagA", Map.of("n", "11"), "abc-1", 0),
            new FakeView("TagB", Map.of("n", "50"), "abc-2", 1),
            new FakeView("TagA", Map.of("n", "3"), "abc-3", 2),
            new FakeView("TagA", Map.of("n", "12"), "not matching", 3),
            new FakeView("TagA", Map.of("n", "99"), "xyz-4", 4));
    private static final boolean[] HONEST_EXPECTED = {true, false, false, false, true};

    @BeforeAll
    static void start() {
        sandbox = new FilterSandbox(SandboxLimits.defaults().withMatchBudget(Duration.ofMillis(1000)));
        FilterSandbox.Registration r = register("honest", "Honest", honest("Honest"));
        assertTrue(r.ok(), r::message);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static synchronized FilterSandbox.Registration register(String topic, String className, String source) {
        byte[] bytes = utf8(source);
        return sandbox.register(GROUP, topic, "test.filters." + className, FilterSandbox.crc(bytes), bytes);
    }

    private static String freshTopic() {
        synchronized (FilterSandboxTest.class) {
            return "topic-" + (++topics);
        }
    }

    private static void assertHonestStillWorks() {
        FilterSandbox.Matches m = sandbox.match(GROUP, "honest", MESSAGES);
        assertEquals(FilterSandbox.Matches.Status.OK, m.status(), m.message());
        assertArrayEquals(HONEST_EXPECTED, m.matches());
    }

    @Test
    void honestFilterMatchesOnlyWhatItShould() {
        assertHonestStillWorks();
        assertNull(sandbox.unavailable(GROUP, "honest"));
    }

    @Test
    void lambdasRecordsEnumsStreamsAndStringConcatenationAreAllowed() {
        String members = "enum Kind { A, B }\n"
                + "record Pair(String a, int b) { }\n"
                + "static final java.util.regex.Pattern P = java.util.regex.Pattern.compile(\"abc-(\\\\d)\");\n";
        String body = "Kind k = Kind.valueOf(m.tags().equals(\"TagA\") ? \"A\" : \"B\");\n"
                + "switch (k) { case A: break; default: return false; }\n"
                + "Pair p = new Pair(\"x\" + m.queueOffset(), 1);\n"
                + "String s = p.toString() + p.hashCode();\n"
                + "java.math.BigDecimal d = new java.math.BigDecimal(m.property(\"n\"));\n"
                + "java.time.Instant t = java.time.Instant.ofEpochMilli(m.storeTimestamp());\n"
                + "long digits = m.bodyAsString().chars().filter(Character::isDigit).count();\n"
                + "return !s.isEmpty() && t != null && P.matcher(m.bodyAsString()).matches() && digits == 1"
                + " && d.compareTo(java.math.BigDecimal.TEN) > 0 && List.of(1, 2).stream().map(i -> i * 2)"
                + ".reduce(0, Integer::sum) == 6;";
        String topic = freshTopic();
        FilterSandbox.Registration r = register(topic, "Rich", filter("Rich", body, members));
        assertTrue(r.ok(), r::message);
        FilterSandbox.Matches m = sandbox.match(GROUP, topic, MESSAGES);
        assertEquals(FilterSandbox.Matches.Status.OK, m.status(), m.message());
        assertArrayEquals(new boolean[] {true, false, false, false, false}, m.matches());
    }

    static List<Arguments> refusedAtRegistration() {
        return List.of(
                Arguments.of("file I/O", "return new java.io.File(\"/etc/passwd\").exists();", "", "file I/O"),
                Arguments.of("file I/O via nio", "try { return java.nio.file.Files.readAllBytes(java.nio.file.Path"
                        + ".of(\"/etc/passwd\")).length > 0; } catch (Exception e) { return false; }", "", "file I/O"),
                Arguments.of("socket", "try (java.net.Socket s = new java.net.Socket(\"127.0.0.1\", 9)) { return true; }"
                        + " catch (Exception e) { return false; }", "", "network"),
                Arguments.of("URL", "try { return new java.net.URL(\"http://example.com\").openStream() != null; }"
                        + " catch (Exception e) { return false; }", "", "network"),
                Arguments.of("reflection on Class", "return String.class.getDeclaredMethods().length > 0;", "",
                        "reflection"),
                Arguments.of("java.lang.reflect", "try { java.lang.reflect.Field f = m.getClass().getDeclaredField(\"x\");"
                        + " f.setAccessible(true); return true; } catch (Exception e) { return false; }", "",
                        "reflection"),
                Arguments.of("method handles", "try { return java.lang.invoke.MethodHandles.lookup() != null; }"
                        + " catch (Exception e) { return false; }", "", "reflection"),
                Arguments.of("thread", "new Thread(() -> { }).start(); return true;", "", "threads"),
                Arguments.of("executor", "java.util.concurrent.Executors.newSingleThreadExecutor(); return true;", "",
                        "threads"),
                Arguments.of("parallel stream", "return List.of(1, 2).parallelStream().count() > 0;", "", "threads"),
                Arguments.of("timer", "new Timer(); return true;", "", "threads"),
                Arguments.of("System.exit", "System.exit(1); return true;", "", "System.exit"),
                Arguments.of("Runtime.halt", "Runtime.getRuntime().halt(1); return true;", "", "system access"),
                Arguments.of("process", "try { new ProcessBuilder(\"true\").start(); } catch (Exception e) { }"
                        + " return true;", "", "system access"),
                Arguments.of("system properties", "return System.getProperty(\"user.home\") != null;", "",
                        "system access"),
                Arguments.of("console", "System.out.println(m); return true;", "", "console"),
                Arguments.of("class loader", "return m.getClass().getClassLoader() != null;", "", "class loading"),
                Arguments.of("Class.forName", "try { return Class.forName(\"java.io.File\") != null; }"
                        + " catch (Exception e) { return false; }", "", "class loading"),
                Arguments.of("custom class loader", "return new ClassLoader() { } != null;", "", "class loading"),
                Arguments.of("native method", "return nat();", "public native boolean nat();", "native code"),
                Arguments.of("loadLibrary", "System.loadLibrary(\"x\"); return true;", "", "native code"),
                Arguments.of("finalizer", "return true;", "protected void finalize() { while (true) { } }",
                        "finalize"),
                Arguments.of("filter server internals", "return io.carrack.filter.server.internal.FilterSandbox"
                        + ".crc(new byte[0]) > 0;", "", "io.carrack.filter.server.internal.FilterSandbox"),
                Arguments.of("extends Thread", "return new Sneaky() != null;",
                        "static class Sneaky extends Thread { }", "threads"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusedAtRegistration(String kind, String body, String members, String reason) {
        String topic = freshTopic();
        FilterSandbox.Registration r = register(topic, "Hostile", filter("Hostile", body, members));
        assertFalse(r.ok(), kind + " was accepted");
        assertTrue(r.message().contains("refused by the sandbox"), r.message());
        assertTrue(r.message().contains(reason), () -> "expected '" + reason + "' in: " + r.message());
        FilterSandbox.Matches m = sandbox.match(GROUP, topic, MESSAGES);
        assertEquals(FilterSandbox.Matches.Status.DISABLED, m.status());
        assertTrue(m.message().contains(reason), m.message());
        assertHonestStillWorks();
    }

    static List<Arguments> disabledWhenRun() {
        return List.of(
                Arguments.of("infinite loop", "while (true) { }", "", "match took longer than 1000 ms"),
                Arguments.of("throwing", "throw new IllegalStateException(\"boom\");", "",
                        "match threw java.lang.IllegalStateException: boom"),
                Arguments.of("throwing its own exception with a hostile getMessage",
                        "throw new Nasty();", "static class Nasty extends RuntimeException {"
                                + " public String getMessage() { while (true) { } } }", "test\\.filters\\.Hostile\\$Nasty"),
                Arguments.of("array beyond the VM limit", "long[] a = new long[Integer.MAX_VALUE]; return a.length > 0;",
                        "", "ran out of memory"),
                // the JVM may collect for longer than the budget before it gives up: either way it is disabled
                Arguments.of("huge allocation", "long[] a = new long[Integer.MAX_VALUE - 8]; return a.length > 0;", "",
                        "ran out of memory|took longer than"),
                Arguments.of("allocation bomb", "List<long[]> l = new ArrayList<>(); while (true) { l.add(new long[1 << 20]); }",
                        "", "ran out of memory|took longer than"),
                Arguments.of("stack overflow", "return deep(0);", "boolean deep(int i) { return deep(i + 1) || i < 0; }",
                        "overflowed its stack"),
                Arguments.of("loop after a few good calls", "return m.queueOffset() < 2 || spin();",
                        "boolean spin() { long x = 0; while (x >= 0) { x = x * 3 + 1; x &= 0xFFFF; } return false; }",
                        "queue offset 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void disabledWhenRun(String kind, String body, String members, String reason) {
        String topic = freshTopic();
        FilterSandbox.Registration r = register(topic, "Hostile", filter("Hostile", body, members));
        assertTrue(r.ok(), r::message);
        FilterSandbox.Matches m = sandbox.match(GROUP, topic, MESSAGES);
        assertEquals(FilterSandbox.Matches.Status.DISABLED, m.status(), kind);
        assertTrue(java.util.regex.Pattern.compile(reason).matcher(m.message()).find(),
                () -> "expected '" + reason + "' in: " + m.message());
        // stays disabled, answered without running it again, also when the consumer re-registers the same class
        FilterSandbox.Matches again = sandbox.match(GROUP, topic, MESSAGES);
        assertEquals(FilterSandbox.Matches.Status.DISABLED, again.status());
        assertFalse(register(topic, "Hostile", filter("Hostile", body, members)).ok());
        assertHonestStillWorks();
    }

    @Test
    void aLoopingFilterDoesNotHoldUpAnHonestOneRunningAtTheSameTime() throws Exception {
        String topic = freshTopic();
        assertTrue(register(topic, "Spin", filter("Spin", "while (true) { }")).ok());
        int abandonedBefore = FilterWorker.abandonedCount();
        CompletableFuture<FilterSandbox.Matches> spinning =
                CompletableFuture.supplyAsync(() -> sandbox.match(GROUP, topic, MESSAGES));
        for (int i = 0; i < 5; i++) {
            assertHonestStillWorks();
        }
        assertEquals(FilterSandbox.Matches.Status.DISABLED, spinning.get(10, TimeUnit.SECONDS).status());
        assertTrue(FilterWorker.abandonedCount() > abandonedBefore);
    }

    @Test
    void aStuckWorkerThreadIsStopped() {
        FilterWorker w = new FilterWorker("stuck");
        FilterWorker.Outcome o = w.run(1, i -> {
            long x = 1;
            while (x != 0) {
                x = x * 3 + 1;
                x |= 1;
            }
            return true;
        }, Duration.ofMillis(100), Duration.ofSeconds(1));
        assertEquals(FilterWorker.Outcome.Kind.TIMEOUT, o.kind());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (w.isAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(w.isAlive(), "the abandoned worker should have been stopped");
        assertEquals(FilterWorker.Outcome.Kind.CLOSED, w.run(1, i -> true, Duration.ofMillis(100),
                Duration.ofSeconds(1)).kind());
    }

    @Test
    void loopingStaticInitializerIsRefusedAtRegistration() {
        String topic = freshTopic();
        FilterSandbox.Registration r = register(topic, "SlowInit", filter("SlowInit", "return true;",
                "static final boolean READY = spin();\n"
                        + "static boolean spin() { long x = 1; while (x != 0) { x = x * 3 + 1; x |= 1; } return true; }"));
        assertFalse(r.ok());
        assertTrue(r.message().contains("loading failed") && r.message().contains("longer than"), r.message());
        assertHonestStillWorks();
    }

    @Test
    void throwingConstructorIsRefused() {
        FilterSandbox.Registration r = register(freshTopic(), "BadCtor", filter("BadCtor", "return true;",
                "public BadCtor() { throw new IllegalArgumentException(\"no\"); }"));
        assertFalse(r.ok());
        assertTrue(r.message().contains("IllegalArgumentException: no"), r.message());
    }

    @Test
    void sourceProblemsAreReported() {
        FilterSandbox.Registration syntax = register(freshTopic(), "Broken", filter("Broken", "return 1;"));
        assertFalse(syntax.ok());
        assertTrue(syntax.message().contains("compilation failed") && syntax.message().contains("[line 8]"),
                syntax.message());

        String notAFilter = "package test.filters; public class Plain { }";
        FilterSandbox.Registration plain = register(freshTopic(), "Plain", notAFilter);
        assertFalse(plain.ok());
        assertTrue(plain.message().contains("does not implement"), plain.message());

        byte[] src = utf8(honest("Crc"));
        FilterSandbox.Registration crc = sandbox.register(GROUP, freshTopic(), "test.filters.Crc",
                FilterSandbox.crc(src) ^ 1, src);
        assertFalse(crc.ok());
        assertTrue(crc.message().contains("classCRC"), crc.message());

        FilterSandbox.Registration badName = sandbox.register(GROUP, freshTopic(), "test.filters.Crc;rm -rf",
                FilterSandbox.crc(src), src);
        assertFalse(badName.ok());
        assertTrue(badName.message().contains("not a Java class name"), badName.message());

        String spoof = "package io.carrack.filter.server.api; public class Spoof implements MessageFilter {"
                + " public boolean match(MessageView m) { return true; } }";
        FilterSandbox.Registration spoofed = sandbox.register(GROUP, freshTopic(),
                "io.carrack.filter.server.api.Spoof", FilterSandbox.crc(utf8(spoof)), utf8(spoof));
        assertFalse(spoofed.ok());
    }

    @Test
    void aNewSourceReplacesADisabledFilter() {
        String topic = freshTopic();
        assertTrue(register(topic, "Flip", filter("Flip", "throw new IllegalStateException(\"x\");")).ok());
        assertEquals(FilterSandbox.Matches.Status.DISABLED, sandbox.match(GROUP, topic, MESSAGES).status());
        String fixed = filter("Flip", "return m.queueOffset() % 2 == 0;");
        assertTrue(register(topic, "Flip", fixed).ok());
        FilterSandbox.Matches m = sandbox.match(GROUP, topic, MESSAGES);
        assertEquals(FilterSandbox.Matches.Status.OK, m.status(), m.message());
        assertArrayEquals(new boolean[] {true, false, true, false, true}, m.matches());
        assertTrue(register(topic, "Flip", fixed).ok());
        assertTrue(sandbox.unavailable(GROUP, "nobody-registered-this").contains("no filter class registered"));
    }
}
