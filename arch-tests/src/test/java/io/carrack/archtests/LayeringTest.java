package io.carrack.archtests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The rules of {@link CarrackRules} over the main classes of every Carrack module. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.carrack");
    }

    @Test
    void importSeesTheModules() {
        // guards against a rule passing because nothing was imported
        assertTrue(classes.contain("io.carrack.common.message.StoredMessageCodec"));
        assertTrue(classes.contain("io.carrack.spi.store.MessageStoreProvider"));
        assertTrue(classes.contain("io.carrack.remoting.RemotingCommand"));
        assertFalse(classes.stream().anyMatch(c -> c.getName().startsWith("fixtures.")));
        assertFalse(classes.stream().anyMatch(c -> c.getSimpleName().endsWith("Test")),
                "test classes are not part of the checked code");
    }

    @TestFactory
    Stream<DynamicTest> everyRuleHolds() {
        return new CarrackRules("io.carrack").all().entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> check(e.getValue())));
    }

    private static void check(ArchRule rule) {
        EvaluationResult result = rule.evaluate(classes);
        if (result.hasViolation()) {
            throw new AssertionError(result.getFailureReport().toString());
        }
    }
}
