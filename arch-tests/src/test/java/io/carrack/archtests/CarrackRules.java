package io.carrack.archtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layering rules of ARCHITECTURE.md and STYLE.md section 3.3, written once against a root package so
 * that the same definitions check the real code ({@code io.carrack}) and the deliberately bad fixtures
 * ({@code fixtures.carrack}, in this module's test sources).
 *
 * <p>Every rule allows an empty "should": modules are still being filled, and a rule over a package that
 * has no classes yet must not fail. {@code FixtureRulesTest} proves each rule does fail on a violation.
 */
final class CarrackRules {
    /** Root packages of the modules, relative to the root, longest first when matching. */
    static final List<String> MODULE_ROOTS = List.of("common", "remoting", "spi", "store.mmap", "store.lmdb",
            "store.jdbc", "filter.sql", "filter.server", "namesrv", "broker", "client", "tools");

    private final String root;

    CarrackRules(String root) {
        this.root = root;
    }

    private String pkg(String relative) {
        return root + "." + relative + "..";
    }

    /** Every rule, by a stable name. */
    Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("brokerDoesNotDependOnStoresOrFilters", brokerDoesNotDependOnStoresOrFilters());
        rules.put("runtimesAndToolsDoNotDependOnStores", runtimesAndToolsDoNotDependOnStores());
        rules.put("storesDoNotDependOnRuntimesOrRemoting", storesDoNotDependOnRuntimesOrRemoting());
        rules.put("storesDoNotDependOnEachOther", storesDoNotDependOnEachOther());
        rules.put("storesDependOnlyOnSpiCommonJavaAndTheirLibraries", storesDependOnlyOnSpiCommonJavaAndTheirLibraries());
        rules.put("clientDoesNotDependOnServerSide", clientDoesNotDependOnServerSide());
        rules.put("spiDependsOnlyOnJavaAndCommon", spiDependsOnlyOnJavaAndCommon());
        rules.put("spiHasNoNettyJdbcOrFileTypes", spiHasNoNettyJdbcOrFileTypes());
        rules.put("internalPackagesStayInTheirModule", internalPackagesStayInTheirModule());
        rules.put("noPackageCycles", noPackageCycles());
        rules.put("mappedBuffersAndUnsafeOnlyInMmapInternal", mappedBuffersAndUnsafeOnlyInMmapInternal());
        rules.put("classForNameOnlyInFilterServer", classForNameOnlyInFilterServer());
        rules.put("noSystemClockInStoreOrBroker", noSystemClockInStoreOrBroker());
        rules.put("noConsoleOutputInLibraryCode", noConsoleOutputInLibraryCode());
        return rules;
    }

    /** ARCHITECTURE: broker-runtime never depends on a store module or a filter module (spi.store is fine). */
    ArchRule brokerDoesNotDependOnStoresOrFilters() {
        return noClasses().that().resideInAPackage(pkg("broker"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("store"), pkg("filter"))
                .because("the broker finds stores and filters with ServiceLoader only")
                .allowEmptyShould(true);
    }

    /** STYLE 3.3 rule 1: broker, namesrv, client and tools never depend on a store. */
    ArchRule runtimesAndToolsDoNotDependOnStores() {
        return noClasses().that().resideInAnyPackage(pkg("broker"), pkg("namesrv"), pkg("client"), pkg("tools"))
                .should().dependOnClassesThat().resideInAPackage(pkg("store"))
                .allowEmptyShould(true);
    }

    /** ARCHITECTURE: store modules never depend on broker-runtime, remoting (or the other runtimes). */
    ArchRule storesDoNotDependOnRuntimesOrRemoting() {
        return noClasses().that().resideInAPackage(pkg("store"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("broker"), pkg("remoting"), pkg("namesrv"),
                        pkg("client"), pkg("tools"), pkg("filter"), "io.netty..")
                .because("a store sees only the storage SPI")
                .allowEmptyShould(true);
    }

    /** ARCHITECTURE: store modules never depend on each other. */
    ArchRule storesDoNotDependOnEachOther() {
        return slices().matching(root + ".store.(*)..").should().notDependOnEachOther()
                .allowEmptyShould(true);
    }

    /** Brief: store modules depend only on spi, common, java and their own libraries. */
    ArchRule storesDependOnlyOnSpiCommonJavaAndTheirLibraries() {
        String[] shared = {"java..", "javax.annotation..", pkg("spi"), pkg("common"), "org.slf4j.."};
        ArchRule mmap = classes().that().resideInAPackage(pkg("store.mmap"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(shared, pkg("store.mmap"), "sun.misc.."))
                .allowEmptyShould(true);
        ArchRule lmdb = classes().that().resideInAPackage(pkg("store.lmdb"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(shared, pkg("store.lmdb"),
                        "org.lmdbjava..", "jnr.."))
                .allowEmptyShould(true);
        ArchRule jdbc = classes().that().resideInAPackage(pkg("store.jdbc"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(concat(shared, pkg("store.jdbc"),
                        "javax.sql..", "com.zaxxer.hikari..", "org.h2..", "org.postgresql.."))
                .allowEmptyShould(true);
        return CompositeRule.of("stores depend only on spi, common, java and their own libraries",
                List.of(mmap, lmdb, jdbc));
    }

    /** ARCHITECTURE: client never depends on broker-runtime, namesrv-runtime, spi or a store. */
    ArchRule clientDoesNotDependOnServerSide() {
        return noClasses().that().resideInAPackage(pkg("client"))
                .should().dependOnClassesThat().resideInAnyPackage(pkg("broker"), pkg("namesrv"), pkg("spi"),
                        pkg("store"), pkg("filter"))
                .allowEmptyShould(true);
    }

    /** Brief and STYLE 3.3 rule 1: spi depends only on java and common. */
    ArchRule spiDependsOnlyOnJavaAndCommon() {
        return classes().that().resideInAPackage(pkg("spi"))
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", pkg("spi"), pkg("common"))
                .allowEmptyShould(true);
    }

    /** ARCHITECTURE: spi exposes no Netty, no JDBC, no file formats. */
    ArchRule spiHasNoNettyJdbcOrFileTypes() {
        return noClasses().that().resideInAPackage(pkg("spi"))
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "java.sql..", "javax.sql..",
                        "org.lmdbjava..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.MappedByteBuffer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.FileChannel")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
                .because("only java, common model and spi types cross the SPI")
                .allowEmptyShould(true);
    }

    /** ARCHITECTURE: implementation packages ({@code ..internal..}) are used only inside their module. */
    ArchRule internalPackagesStayInTheirModule() {
        return classes().that().resideInAPackage(root + "..")
                .should(new ArchCondition<JavaClass>("use no internal package of another module") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String from = moduleOf(item.getPackageName());
                        for (Dependency d : item.getDirectDependenciesFromSelf()) {
                            String targetPackage = d.getTargetClass().getBaseComponentType().getPackageName();
                            if (!isInternal(targetPackage)) {
                                continue;
                            }
                            String to = moduleOf(targetPackage);
                            if (to != null && !to.equals(from)) {
                                events.add(SimpleConditionEvent.violated(item, d.getDescription()
                                        + " reaches into internal package " + targetPackage + " of module " + to));
                            }
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    /**
     * ARCHITECTURE: no cycles between packages. One kind of edge is left out: from an API package to an
     * internal package. The layout of STYLE.md section 3.1 makes it part of every runtime (the entry class
     * in {@code io.carrack.broker} starts {@code broker.internal}, which reads {@code BrokerConfig}), and
     * {@link #internalPackagesStayInTheirModule()} already keeps it inside one module. Cycles among API
     * packages, or among internal packages, still fail.
     */
    ArchRule noPackageCycles() {
        DescribedPredicate<JavaClass> inApiPackage = DescribedPredicate.describe("a class in an API package",
                c -> !isInternal(c.getPackageName()));
        DescribedPredicate<JavaClass> inInternalPackage = DescribedPredicate.describe(
                "a class in an internal package", c -> isInternal(c.getPackageName()));
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .ignoreDependency(inApiPackage, inInternalPackage)
                .allowEmptyShould(true);
    }

    /** STYLE 3.3 rule 2: MappedByteBuffer and sun.misc.Unsafe only in store.mmap.internal. */
    ArchRule mappedBuffersAndUnsafeOnlyInMmapInternal() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(pkg("store.mmap.internal"))
                .should().dependOnClassesThat().haveFullyQualifiedName("java.nio.MappedByteBuffer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("sun.misc.Unsafe")
                .allowEmptyShould(true);
    }

    /** STYLE 3.3 rule 2: Class.forName only in filter-server. */
    ArchRule classForNameOnlyInFilterServer() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(pkg("filter.server"))
                .should().callMethod(Class.class, "forName", String.class)
                .orShould().callMethod(Class.class, "forName", String.class, boolean.class, ClassLoader.class)
                .because("plugins are found with ServiceLoader; only the filter server loads user classes")
                .allowEmptyShould(true);
    }

    /** STYLE 3.3 rule 3: no System.currentTimeMillis/nanoTime in store or broker main code. */
    ArchRule noSystemClockInStoreOrBroker() {
        return noClasses().that().resideInAnyPackage(pkg("store"), pkg("broker"))
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .because("clocks are injected (java.time.InstantSource)")
                .allowEmptyShould(true);
    }

    /**
     * Preamble: log through slf4j, never System.out or System.err, except command-line code printing for
     * people: the tools module and classes named {@code *Startup}, {@code *Main} or {@code *Cli}.
     */
    ArchRule noConsoleOutputInLibraryCode() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(pkg("tools"))
                .and().haveSimpleNameNotEndingWith("Startup").and().haveSimpleNameNotEndingWith("Main")
                .and().haveSimpleNameNotEndingWith("Cli")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethodWhere(DescribedPredicate.describe("Throwable.printStackTrace",
                        (JavaMethodCall call) -> call.getName().equals("printStackTrace")
                                && call.getTargetOwner().isAssignableTo(Throwable.class)))
                .because("library code logs through slf4j")
                .allowEmptyShould(true);
    }

    /** The module (root-relative name, e.g. {@code store.mmap}) a package belongs to, or null. */
    String moduleOf(String packageName) {
        return MODULE_ROOTS.stream()
                .filter(m -> packageName.equals(root + "." + m) || packageName.startsWith(root + "." + m + "."))
                .max(Comparator.comparingInt(String::length))
                .orElse(null);
    }

    private boolean isInternal(String packageName) {
        return packageName.startsWith(root + ".")
                && (packageName.endsWith(".internal") || packageName.contains(".internal."));
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
