package io.carrack.compat.harness;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Runs each {@link CompatTest} once per selected store. The name server and broker for a store are
 * started on the first test of a class that needs them and shut down when the class finishes; each
 * invocation gets a fresh {@link CompatEnv} whose clients are shut down after the test. The invocations
 * of a store that cannot run here (see {@link Stores.Store#unavailableReason()}) are skipped with the reason.
 */
public final class CompatExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CompatExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().isPresent();
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stores.selected().stream().map(StoreInvocation::new);
    }

    private record StoreInvocation(Stores.Store store) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + store.id() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new Availability(store), new EnvResolver(store));
        }
    }

    /** Skips the invocation, with the reason, when its store cannot run here or the class excludes it. */
    private record Availability(Stores.Store store) implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            CompatStores only = context.getTestClass().map(c -> c.getAnnotation(CompatStores.class)).orElse(null);
            if (only != null && !List.of(only.value()).contains(store.id())) {
                return ConditionEvaluationResult.disabled(context.getRequiredTestClass().getSimpleName()
                        + " runs only against the stores " + List.of(only.value()));
            }
            return store.unavailableReason()
                    .map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("store " + store.id() + " is available"));
        }
    }

    /** Supplies the {@link CompatEnv} parameter and closes it after the test. */
    private record EnvResolver(Stores.Store store) implements ParameterResolver, AfterEachCallback {

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == CompatEnv.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext context) {
            ExtensionContext classContext = classContext(context);
            ClusterHolder holder = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                    "cluster-" + store.id(),
                    key -> ClusterHolder.start(store, classContext.getRequiredTestClass().getSimpleName()),
                    ClusterHolder.class);
            CompatEnv env = new CompatEnv(holder.cluster(), context.getRequiredTestMethod().getName());
            context.getStore(NAMESPACE).put("env", env);
            return env;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            CompatEnv env = context.getStore(NAMESPACE).remove("env", CompatEnv.class);
            if (env != null) {
                env.close();
            }
        }

        private static ExtensionContext classContext(ExtensionContext context) {
            ExtensionContext c = context;
            while (c.getTestMethod().isPresent()) {
                c = c.getParent().orElseThrow();
            }
            return c;
        }
    }

    /**
     * The servers of one store for one test class, or why they did not start (so later tests of the
     * class fail fast with the same cause instead of retrying a slow start).
     */
    private static final class ClusterHolder implements ExtensionContext.Store.CloseableResource {
        private final EmbeddedCluster cluster;
        private final RuntimeException failure;

        private ClusterHolder(EmbeddedCluster cluster, RuntimeException failure) {
            this.cluster = cluster;
            this.failure = failure;
        }

        static ClusterHolder start(Stores.Store store, String owner) {
            try {
                return new ClusterHolder(EmbeddedCluster.start(store, owner), null);
            } catch (Exception e) {
                return new ClusterHolder(null, new IllegalStateException(
                        "could not start name server and broker with store " + store.id() + " (storeType="
                                + store.storeType() + ")", e));
            }
        }

        EmbeddedCluster cluster() {
            if (failure != null) {
                throw failure;
            }
            return cluster;
        }

        @Override
        public void close() {
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
