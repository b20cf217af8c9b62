package io.carrack.archtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves every rule of {@link CarrackRules} fails: the same definitions, rooted at {@code fixtures.carrack},
 * over deliberately bad classes in this module's test sources. Each rule must name its bad classes and
 * must not name the good ones (which use what the rule allows).
 */
class FixtureRulesTest {
    private static final String F = "fixtures.carrack.";
    private static JavaClasses fixtures;
    private static Map<String, ArchRule> rules;

    /** Rule name, classes its report must name, classes it must not name. */
    record Expectation(String rule, List<String> bad, List<String> good) {
    }

    static final List<Expectation> EXPECTATIONS = List.of(
            new Expectation("brokerDoesNotDependOnStoresOrFilters",
                    List.of(F + "broker.BadBroker"), List.of(F + "broker.GoodBroker")),
            new Expectation("runtimesAndToolsDoNotDependOnStores",
                    List.of(F + "broker.BadBroker", F + "namesrv.BadNamesrv"), List.of(F + "broker.GoodBroker")),
            new Expectation("storesDoNotDependOnRuntimesOrRemoting",
                    List.of(F + "store.lmdb.BadLmdbStore", F + "store.jdbc.BadJdbcStore"),
                    List.of(F + "store.mmap.FakeMmapStore")),
            new Expectation("storesDoNotDependOnEachOther",
                    List.of(F + "store.lmdb.BadLmdbStore"), List.of(F + "store.jdbc.BadJdbcStore")),
            new Expectation("storesDependOnlyOnSpiCommonJavaAndTheirLibraries",
                    List.of(F + "store.lmdb.BadLmdbStore", F + "store.jdbc.BadJdbcStore"),
                    List.of(F + "store.mmap.FakeMmapStore", F + "store.mmap.internal.MappedFileFixture")),
            new Expectation("clientDoesNotDependOnServerSide",
                    List.of(F + "client.BadClient"), List.of(F + "client.GoodClient")),
            new Expectation("spiDependsOnlyOnJavaAndCommon",
                    List.of(F + "spi.BadSpi"), List.of(F + "spi.store.FakeProvider")),
            new Expectation("spiHasNoNettyJdbcOrFileTypes",
                    List.of(F + "spi.BadSpi", F + "spi.store.BadSpiFile"), List.of(F + "spi.store.FakeProvider")),
            new Expectation("internalPackagesStayInTheirModule",
                    List.of(F + "client.BadClient"), List.of(F + "remoting.FakeRemoting")),
            new Expectation("noPackageCycles",
                    List.of(F + "cycle.a.CycleA", F + "cycle.b.CycleB"),
                    List.of(F + "broker.GoodBroker", F + "namesrv.FakeNamesrv", F + "namesrv.internal.RouteTable")),
            new Expectation("mappedBuffersAndUnsafeOnlyInMmapInternal",
                    List.of(F + "store.lmdb.BadLmdbStore"), List.of(F + "store.mmap.internal.MappedFileFixture")),
            new Expectation("classForNameOnlyInFilterServer",
                    List.of(F + "broker.BadBroker"), List.of(F + "filter.server.UserClassLoader")),
            new Expectation("noSystemClockInStoreOrBroker",
                    List.of(F + "broker.BadBroker", F + "store.jdbc.BadJdbcStore"),
                    List.of(F + "broker.GoodBroker", F + "namesrv.BadNamesrv")),
            new Expectation("noConsoleOutputInLibraryCode",
                    List.of(F + "broker.BadBroker", F + "namesrv.BadNamesrv"),
                    List.of(F + "broker.BrokerStartup", F + "tools.ToolPrinter")));

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages("fixtures.carrack");
        rules = new CarrackRules("fixtures.carrack").all();
    }

    @Test
    void everyRuleHasAnExpectation() {
        assertEquals(rules.keySet(), EXPECTATIONS.stream().map(Expectation::rule)
                .collect(java.util.stream.Collectors.toSet()));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFailsOnItsFixtures() {
        return EXPECTATIONS.stream().map(e -> DynamicTest.dynamicTest(e.rule(), () -> {
            EvaluationResult result = rules.get(e.rule()).evaluate(fixtures);
            assertTrue(result.hasViolation(), e.rule() + " found no violation");
            String report = String.join("\n", result.getFailureReport().getDetails());
            for (String bad : e.bad()) {
                assertTrue(names(report, bad), e.rule() + " should name " + bad + ":\n" + report);
            }
            for (String good : e.good()) {
                assertFalse(blames(result.getFailureReport().getDetails(), good),
                        e.rule() + " should not blame " + good + ":\n" + report);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> rulesPassOnAnEmptyImport() {
        JavaClasses none = new ClassFileImporter().importClasses(List.of());
        return rules.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> assertFalse(e.getValue().evaluate(none).hasViolation(), e.getKey())));
    }

    /**
     * Whether a violation is blamed on the class: it is the origin (the first {@code <...>}) of a detail
     * line, or a member of a reported cycle. Being the target of someone else's bad dependency is fine.
     */
    private static boolean blames(List<String> details, String className) {
        for (String line : details) {
            if (line.startsWith("Cycle detected")) {
                if (names(line, className)) {
                    return true;
                }
                continue;
            }
            int open = line.indexOf('<');
            int close = open < 0 ? -1 : line.indexOf('>', open);
            if (open >= 0 && close > open) {
                String origin = line.substring(open + 1, close);
                int params = origin.indexOf('(');
                if (names(params < 0 ? origin : origin.substring(0, params), className)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the report names the class (not merely a longer class name that starts the same). */
    private static boolean names(String report, String className) {
        int from = 0;
        while (true) {
            int at = report.indexOf(className, from);
            if (at < 0) {
                return false;
            }
            int end = at + className.length();
            if (end >= report.length() || !Character.isJavaIdentifierPart(report.charAt(end))) {
                return true;
            }
            from = end;
        }
    }
}
