package io.carrack.archtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module descriptors of the Carrack jars (or {@code target/classes} directories) on the test class
 * path, read with {@link ModuleFinder}, checked with {@link ModuleDescriptorChecks}; and the checks
 * themselves proven to fail on bad descriptors.
 */
class ModuleDescriptorTest {
    static final Set<String> EXPECTED = Set.of("io.carrack.common", "io.carrack.remoting", "io.carrack.spi",
            "io.carrack.store.mmap", "io.carrack.store.lmdb", "io.carrack.store.jdbc", "io.carrack.filter.sql",
            "io.carrack.filter.server", "io.carrack.namesrv", "io.carrack.broker", "io.carrack.client",
            "io.carrack.tools");

    private static Map<String, ModuleDescriptor> modules;

    @BeforeAll
    static void findModules() {
        modules = new TreeMap<>();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : cp.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!isModular(p)) {
                continue;
            }
            try {
                for (ModuleReference ref : ModuleFinder.of(p).findAll()) {
                    ModuleDescriptor md = ref.descriptor();
                    if (md.name().startsWith("io.carrack.")) {
                        modules.put(md.name(), md);
                    }
                }
            } catch (FindException e) {
                // not a module we care about
            }
        }
    }

    private static boolean isModular(Path p) {
        if (Files.isDirectory(p)) {
            return Files.exists(p.resolve("module-info.class"));
        }
        if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
            try (JarFile jar = new JarFile(p.toFile())) {
                return jar.getEntry("module-info.class") != null;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    @Test
    void everyModuleIsOnTheTestPath() {
        assertEquals(EXPECTED, modules.keySet());
    }

    @Test
    void storeModulesExportNothingAndProvideTheStoreProvider() {
        List<ModuleDescriptor> stores = modules.values().stream()
                .filter(md -> md.name().startsWith("io.carrack.store.")).toList();
        assertEquals(3, stores.size());
        for (ModuleDescriptor md : stores) {
            assertEquals(List.of(), ModuleDescriptorChecks.storeProblems(md));
        }
    }

    @Test
    void brokerRequiresNoStoreOrFilterAndUsesBothProviders() {
        ModuleDescriptor broker = modules.get("io.carrack.broker");
        assertNotNull(broker);
        assertEquals(List.of(), ModuleDescriptorChecks.brokerProblems(broker));
    }

    @Test
    void clientRequiresNoServerSideModule() {
        assertEquals(List.of(), ModuleDescriptorChecks.clientProblems(modules.get("io.carrack.client")));
    }

    @Test
    void noModuleExportsInternalsToEveryone() {
        for (ModuleDescriptor md : modules.values()) {
            assertEquals(List.of(), ModuleDescriptorChecks.exportProblems(md), md.name());
        }
    }

    // ---- the checks fail on bad descriptors ----

    @Test
    void storeCheckCatchesExportsMissingProviderAndForeignRequires() {
        ModuleDescriptor bad = ModuleDescriptor.newModule("io.carrack.store.bad")
                .requires("io.carrack.remoting").requires("io.carrack.store.mmap")
                .exports("io.carrack.store.bad").packages(Set.of("io.carrack.store.bad.internal")).build();
        List<String> problems = ModuleDescriptorChecks.storeProblems(bad);
        assertEquals(4, problems.size(), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("does not provide")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("exports")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("io.carrack.remoting")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("io.carrack.store.mmap")));
    }

    @Test
    void storeCheckAcceptsAProvidingStoreAndAnEmptySkeleton() {
        ModuleDescriptor good = ModuleDescriptor.newModule("io.carrack.store.good").requires("io.carrack.spi")
                .packages(Set.of("io.carrack.store.good"))
                .provides(ModuleDescriptorChecks.STORE_PROVIDER, List.of("io.carrack.store.good.GoodProvider"))
                .build();
        assertEquals(List.of(), ModuleDescriptorChecks.storeProblems(good));
        ModuleDescriptor skeleton = ModuleDescriptor.newModule("io.carrack.store.fresh").requires("io.carrack.spi")
                .build();
        assertEquals(List.of(), ModuleDescriptorChecks.storeProblems(skeleton));
    }

    @Test
    void brokerCheckCatchesStoreRequiresAndMissingUses() {
        ModuleDescriptor bad = ModuleDescriptor.newModule("io.carrack.broker").requires("io.carrack.spi")
                .requires("io.carrack.store.mmap").requires("io.carrack.filter.sql")
                .uses(ModuleDescriptorChecks.STORE_PROVIDER).build();
        List<String> problems = ModuleDescriptorChecks.brokerProblems(bad);
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.get(2).contains(ModuleDescriptorChecks.FILTER_PROVIDER));
    }

    @Test
    void clientCheckCatchesServerSideRequires() {
        ModuleDescriptor bad = ModuleDescriptor.newModule("io.carrack.client").requires("io.carrack.common")
                .requires("io.carrack.spi").requires("io.carrack.broker").build();
        assertEquals(2, ModuleDescriptorChecks.clientProblems(bad).size());
    }

    @Test
    void exportCheckCatchesUnqualifiedInternalExportsButNotQualifiedOnes() {
        ModuleDescriptor bad = ModuleDescriptor.newModule("io.carrack.x")
                .exports("io.carrack.x.internal").opens("io.carrack.x.internal.json")
                .exports("io.carrack.x.shared.internal", Set.of("io.carrack.broker"))
                .exports("io.carrack.x").build();
        List<String> problems = ModuleDescriptorChecks.exportProblems(bad);
        assertEquals(2, problems.size(), problems::toString);
        assertFalse(problems.stream().anyMatch(p -> p.contains("shared")));
    }
}
