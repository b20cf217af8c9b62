package io.carrack.filter.server.internal;

import java.nio.charset.StandardCharsets;

/** Filter class sources for tests: a filter class in package {@code test.filters} with a given body. */
final class FilterSources {
    private FilterSources() {
    }

    /** Source of {@code test.filters.<name>} whose match method has this body, plus extra members. */
    static String filter(String name, String matchBody, String members) {
        return "package test.filters;\n"
                + "import io.carrack.filter.server.api.MessageFilter;\n"
                + "import io.carrack.filter.server.api.MessageView;\n"
                + "import java.util.*;\n"
                + "public class " + name + " implements MessageFilter {\n"
                + members + "\n"
                + "    public boolean match(MessageView m) {\n"
                + matchBody + "\n"
                + "    }\n"
                + "}\n";
    }

    static String filter(String name, String matchBody) {
        return filter(name, matchBody, "");
    }

    /** An honest filter: tag TagA and a property {@code n} above 10. */
    static String honest(String name) {
        return filter(name, "String n = m.property(\"n\");\n"
                + "        List<String> wanted = new ArrayList<>(List.of(\"TagA\"));\n"
                + "        return wanted.contains(m.tags()) && n != null && Integer.parseInt(n) > 10"
                + " && m.bodyAsString().matches(\"[a-z]+-\\\\d+\");");
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
