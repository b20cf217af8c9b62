package io.carrack.filter.server.internal;

import io.carrack.filter.server.api.MessageFilter;
import io.carrack.filter.server.api.MessageView;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filter classes registered with this filter server, one per (consumer group, topic), and the
 * sandbox they run in: {@link #register} compiles the source, checks the bytecode against
 * {@link SandboxPolicy}, loads it with a {@link SandboxClassLoader} and constructs it on its own
 * {@link FilterWorker}; {@link #match} runs it on that worker with the per-call time budget. A filter
 * that breaks a rule is refused at registration; one that later times out, throws or runs out of
 * memory is disabled. Either way the reason is kept and reported to the consumer.
 *
 * <p>Thread safety: all methods may be called from any thread; registrations are serialized.
 */
public final class FilterSandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FilterSandbox.class);
    private static final Pattern CLASS_NAME =
            Pattern.compile("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
                    + "(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");

    /** The answer to a registration. */
    public record Registration(boolean ok, String message) {
    }

    /** The answer to a match request. */
    public record Matches(Status status, boolean[] matches, String message) {
        /** What happened. */
        public enum Status { OK, NOT_REGISTERED, DISABLED, BUSY }
    }

    private final SandboxLimits limits;
    private final Map<String, LoadedFilter> filters = new ConcurrentHashMap<>();
    private final Object registering = new Object();
    private ExecutorService compiler = newCompiler();

    public FilterSandbox(SandboxLimits limits) {
        this.limits = limits;
    }

    /** The sandbox's limits. */
    public SandboxLimits limits() {
        return limits;
    }

    /** CRC32 of the source masked with 0x7FFFFFFF, as the client computes {@code classCRC}. */
    public static int crc(byte[] source) {
        CRC32 crc = new CRC32();
        crc.update(source);
        return (int) (crc.getValue() & 0x7FFFFFFF);
    }

    /**
     * Registers (or re-registers) the filter class of a consumer group on a topic. The same class name
     * and CRC as the current one is answered from the current state without compiling again.
     *
     * @param crc    the client's CRC of the source; checked against the source
     * @param source the Java source, UTF-8
     */
    public Registration register(String group, String topic, String className, int crc, byte[] source) {
        String key = key(group, topic);
        LoadedFilter current = filters.get(key);
        if (current != null && current.crc() == crc && current.className().equals(className)) {
            return answer(current);
        }
        String invalid = validate(className, crc, source);
        if (invalid != null) {
            return new Registration(false, invalid);
        }
        synchronized (registering) {
            current = filters.get(key);
            if (current != null && current.crc() == crc && current.className().equals(className)) {
                return answer(current);
            }
            if (current == null && filters.size() >= limits.maxFilters()) {
                return new Registration(false, "this filter server holds its maximum of " + limits.maxFilters()
                        + " filters");
            }
            LoadedFilter loaded = load(group, topic, className, crc, new String(source, StandardCharsets.UTF_8));
            LoadedFilter old = filters.put(key, loaded);
            if (old != null) {
                old.close();
            }
            if (loaded.problem() == null) {
                LOG.info("filter class {} registered for group {} on topic {}", className, group, topic);
            } else {
                LOG.warn("filter class {} of group {} on topic {} refused: {}", className, group, topic,
                        loaded.problem());
            }
            return answer(loaded);
        }
    }

    /**
     * Runs the filter of a group on a topic over messages.
     *
     * @return OK with one result per message, or why not
     */
    public Matches match(String group, String topic, List<? extends MessageView> messages) {
        LoadedFilter f = filters.get(key(group, topic));
        if (f == null) {
            return new Matches(Matches.Status.NOT_REGISTERED, null, notRegistered(group, topic));
        }
        String problem = f.problem();
        if (problem != null) {
            return new Matches(Matches.Status.DISABLED, null, disabledText(f, problem));
        }
        MessageFilter filter = f.instance();
        FilterWorker.Outcome o = f.worker().run(messages.size(), i -> filter.match(messages.get(i)),
                limits.matchBudget(), limits.queueWait());
        switch (o.kind()) {
            case DONE:
                return new Matches(Matches.Status.OK, o.results(), null);
            case BUSY:
                return new Matches(Matches.Status.BUSY, null, o.error());
            default:
                String reason = "match " + o.error() + (o.failedAt() >= 0 && o.failedAt() < messages.size()
                        ? " on the message at queue offset " + messages.get(o.failedAt()).queueOffset() : "");
                f.disable(reason);
                LOG.warn("filter class {} of group {} on topic {} disabled: {}", f.className(), group, topic, reason);
                return new Matches(Matches.Status.DISABLED, null, disabledText(f, f.problem()));
        }
    }

    /**
     * Null if the filter of a group on a topic is registered and works, else the text reported to the
     * consumer: not registered, refused, or disabled and why.
     */
    public String unavailable(String group, String topic) {
        LoadedFilter f = filters.get(key(group, topic));
        if (f == null) {
            return notRegistered(group, topic);
        }
        String problem = f.problem();
        return problem == null ? null : disabledText(f, problem);
    }

    /** Removes the filter of a group on a topic. */
    public void unregister(String group, String topic) {
        LoadedFilter f = filters.remove(key(group, topic));
        if (f != null) {
            f.close();
        }
    }

    private LoadedFilter load(String group, String topic, String className, int crc, String source) {
        SourceCompiler.Result compiled;
        try {
            compiled = compileBounded(className, source);
        } catch (TimeoutException e) {
            return LoadedFilter.refused(className, crc, "compilation took longer than "
                    + limits.compileBudget().toMillis() + " ms");
        }
        if (!compiled.ok()) {
            return LoadedFilter.refused(className, crc, compiled.errors());
        }
        List<ClassReferences> scanned = new ArrayList<>();
        for (byte[] classFile : compiled.classes().values()) {
            scanned.add(ClassFileScanner.scan(classFile));
        }
        List<String> violations = SandboxPolicy.check(scanned);
        if (!violations.isEmpty()) {
            return LoadedFilter.refused(className, crc, "refused by the sandbox: " + String.join("; ", violations));
        }
        SandboxClassLoader loader = new SandboxClassLoader("filter:" + group + "@" + topic, compiled.classes());
        FilterWorker worker = new FilterWorker(group + "@" + topic);
        MessageFilter[] instance = new MessageFilter[1];
        String[] problem = new String[1];
        FilterWorker.Outcome o = worker.run(1, i -> {
            problem[0] = instantiate(loader, className, group, instance);
            return true;
        }, limits.loadBudget(), limits.queueWait());
        if (!o.ok()) {
            worker.close();
            return LoadedFilter.refused(className, crc, "loading failed: " + o.error());
        }
        if (problem[0] != null) {
            worker.close();
            return LoadedFilter.refused(className, crc, problem[0]);
        }
        return LoadedFilter.loaded(className, crc, instance[0], worker);
    }

    /**
     * Loads and constructs the filter; runs user code (static and instance initializers). A filter written
     * against RocketMQ's {@code MessageFilter} is wrapped in the compiled-in adapter ({@link RocketMqApi}).
     */
    private static String instantiate(SandboxClassLoader loader, String className, String group,
                                      MessageFilter[] out) throws ReflectiveOperationException {
        Class<?> c = loader.loadClass(className);
        Class<?> rocketmq = loader.hasOwn(RocketMqApi.FILTER) ? loader.loadClass(RocketMqApi.FILTER) : null;
        boolean carrack = MessageFilter.class.isAssignableFrom(c);
        if (!carrack && (rocketmq == null || !rocketmq.isAssignableFrom(c))) {
            return className + " does not implement " + MessageFilter.class.getName() + " (or "
                    + RocketMqApi.FILTER + ")";
        }
        if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())) {
            return className + " must be a public, non-abstract class";
        }
        Constructor<?> ctor;
        try {
            ctor = c.getConstructor();
        } catch (NoSuchMethodException e) {
            return className + " has no public no-argument constructor";
        }
        Object filter = ctor.newInstance();
        out[0] = carrack ? (MessageFilter) filter : (MessageFilter) loader.loadClass(RocketMqApi.ADAPTER)
                .getConstructor(Object.class, String.class).newInstance(filter, group);
        return null;
    }

    private SourceCompiler.Result compileBounded(String className, String source) throws TimeoutException {
        Map<String, String> extra = RocketMqApi.isUsedBy(source) ? RocketMqApi.SOURCES : Map.of();
        Future<SourceCompiler.Result> f = compiler.submit(() -> SourceCompiler.compile(className, source, extra));
        try {
            return f.get(limits.compileBudget().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            compiler.shutdownNow();
            compiler = newCompiler();
            throw e;
        } catch (ExecutionException e) {
            return new SourceCompiler.Result(Map.of(), "compiler failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SourceCompiler.Result(Map.of(), "interrupted while compiling");
        }
    }

    private static ExecutorService newCompiler() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "carrack-filter-server-compiler");
            t.setDaemon(true);
            return t;
        });
    }

    private String validate(String className, int crc, byte[] source) {
        if (className == null || !CLASS_NAME.matcher(className).matches()) {
            return "className '" + className + "' is not a Java class name";
        }
        if (source == null || source.length == 0) {
            return "no filter class source in the request body";
        }
        if (source.length > limits.maxSourceBytes()) {
            return "filter source of " + source.length + " bytes exceeds the limit of " + limits.maxSourceBytes();
        }
        int actual = crc(source);
        if (actual != crc) {
            return "classCRC " + crc + " does not match the source (CRC " + actual + ")";
        }
        return null;
    }

    private static Registration answer(LoadedFilter f) {
        return f.problem() == null ? new Registration(true, null)
                : new Registration(false, "filter class " + f.className() + ": " + f.problem());
    }

    private static String disabledText(LoadedFilter f, String problem) {
        return "filter class " + f.className() + " is disabled: " + problem;
    }

    private static String notRegistered(String group, String topic) {
        return "no filter class registered for consumer group " + group + " on topic " + topic
                + " at this filter server";
    }

    private static String key(String group, String topic) {
        return group + "@" + topic;
    }

    @Override
    public void close() {
        synchronized (registering) {
            filters.values().forEach(LoadedFilter::close);
            filters.clear();
            compiler.shutdownNow();
        }
    }
}
