package io.carrack.archtests;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks on Carrack's module descriptors (ARCHITECTURE.md, STYLE.md section 3.3 rule 4). Each returns the
 * problems found, empty when the descriptor is fine.
 */
final class ModuleDescriptorChecks {
    static final String STORE_PROVIDER = "io.carrack.spi.store.MessageStoreProvider";
    static final String FILTER_PROVIDER = "io.carrack.spi.filter.FilterProvider";

    private ModuleDescriptorChecks() {
    }

    /**
     * A store module exports nothing and, once it has any package, provides {@link #STORE_PROVIDER}
     * from a package it does not export.
     */
    static List<String> storeProblems(ModuleDescriptor md) {
        List<String> problems = new ArrayList<>();
        if (!md.exports().isEmpty()) {
            problems.add(md.name() + " exports " + md.exports() + "; a store module exports nothing");
        }
        if (!md.opens().isEmpty()) {
            problems.add(md.name() + " opens " + md.opens() + "; a store module opens nothing");
        }
        if (!md.packages().isEmpty()) {
            boolean provides = md.provides().stream().anyMatch(p -> p.service().equals(STORE_PROVIDER));
            if (!provides) {
                problems.add(md.name() + " does not provide " + STORE_PROVIDER);
            }
        }
        problems.addAll(foreignStoreRequires(md));
        return problems;
    }

    /** The broker requires no store or filter module and uses both providers. */
    static List<String> brokerProblems(ModuleDescriptor md) {
        List<String> problems = new ArrayList<>();
        for (ModuleDescriptor.Requires r : md.requires()) {
            if (r.name().startsWith("io.carrack.store.") || r.name().startsWith("io.carrack.filter.")) {
                problems.add(md.name() + " requires " + r.name() + "; it must find stores and filters with ServiceLoader");
            }
        }
        for (String service : List.of(STORE_PROVIDER, FILTER_PROVIDER)) {
            if (!md.uses().contains(service)) {
                problems.add(md.name() + " does not declare 'uses " + service + "'");
            }
        }
        return problems;
    }

    /** The client requires no broker, name server, spi, store or filter module. */
    static List<String> clientProblems(ModuleDescriptor md) {
        List<String> problems = new ArrayList<>();
        for (ModuleDescriptor.Requires r : md.requires()) {
            String n = r.name();
            if (n.equals("io.carrack.broker") || n.equals("io.carrack.namesrv") || n.equals("io.carrack.spi")
                    || n.startsWith("io.carrack.store.") || n.startsWith("io.carrack.filter.")) {
                problems.add(md.name() + " requires " + n);
            }
        }
        return problems;
    }

    /** No module exports or opens an {@code internal} package to everyone. */
    static List<String> exportProblems(ModuleDescriptor md) {
        List<String> problems = new ArrayList<>();
        for (ModuleDescriptor.Exports e : md.exports()) {
            if (!e.isQualified() && isInternal(e.source())) {
                problems.add(md.name() + " exports internal package " + e.source() + " to everyone");
            }
        }
        for (ModuleDescriptor.Opens o : md.opens()) {
            if (!o.isQualified() && isInternal(o.source())) {
                problems.add(md.name() + " opens internal package " + o.source() + " to everyone");
            }
        }
        if (md.isOpen()) {
            problems.add(md.name() + " is an open module");
        }
        return problems;
    }

    /** Store modules do not require each other, broker, remoting or other runtimes. */
    private static List<String> foreignStoreRequires(ModuleDescriptor md) {
        List<String> problems = new ArrayList<>();
        for (ModuleDescriptor.Requires r : md.requires()) {
            String n = r.name();
            if ((n.startsWith("io.carrack.") && !n.equals("io.carrack.spi") && !n.equals("io.carrack.common"))
                    || n.startsWith("io.netty.")) {
                problems.add(md.name() + " requires " + n + "; a store requires only spi and common");
            }
        }
        return problems;
    }

    private static boolean isInternal(String pkg) {
        return pkg.endsWith(".internal") || pkg.contains(".internal.");
    }
}
