package io.carrack.filter.sql.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code filter-cases.csv}; its header explains the format. */
final class GoldenCases {
    static final String INVALID = "INVALID";
    private static final Pattern EXPECTED = Pattern.compile(
            "(TRUE|FALSE|UNKNOWN|ERROR|INVALID)(?:\\s*\\(rocketmq:\\s*(TRUE|FALSE|UNKNOWN|ERROR|INVALID)\\))?");

    /**
     * One case.
     *
     * @param rocketMqExpected RocketMQ 4.9.7's outcome where it deliberately differs, else null
     */
    record GoldenCase(int line, String expected, String rocketMqExpected, Map<String, String> properties,
            String expression) {
        String expectedFromRocketMq() {
            return rocketMqExpected != null ? rocketMqExpected : expected;
        }

        @Override
        public String toString() {
            return "line " + line + ": " + expression + " with " + properties;
        }
    }

    private GoldenCases() {
    }

    static List<GoldenCase> load() {
        InputStream in = GoldenCases.class.getResourceAsStream("/filter-cases.csv");
        if (in == null) {
            throw new IllegalStateException("filter-cases.csv not found on the test class path");
        }
        List<GoldenCase> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                cases.add(parseLine(number, line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static GoldenCase parseLine(int number, String line) {
        int firstBar = line.indexOf('|');
        if (firstBar < 0) {
            throw new IllegalArgumentException("line " + number + ": no '|' separators");
        }
        Matcher expected = EXPECTED.matcher(line.substring(0, firstBar).trim());
        if (!expected.matches()) {
            throw new IllegalArgumentException("line " + number + ": bad expected outcome");
        }
        int secondBar = firstBar + 1;
        while (secondBar < line.length() && line.charAt(secondBar) != '|') {
            secondBar += line.charAt(secondBar) == '\\' ? 2 : 1;
        }
        if (secondBar >= line.length()) {
            throw new IllegalArgumentException("line " + number + ": no second '|'");
        }
        Map<String, String> properties = parseProperties(number, line.substring(firstBar + 1, secondBar).trim());
        String expression = line.substring(secondBar + 1).trim();
        return new GoldenCase(number, expected.group(1), expected.group(2), properties, expression);
    }

    private static Map<String, String> parseProperties(int number, String field) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (field.equals("-")) {
            return properties;
        }
        List<String> pairs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                current.append(c).append(field.charAt(++i));
            } else if (c == ';') {
                pairs.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pairs.add(current.toString());
        for (String pair : pairs) {
            String trimmed = pair.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("line " + number + ": bad property pair '" + pair + "'");
            }
            properties.put(trimmed.substring(0, equals), unescape(trimmed.substring(equals + 1)));
        }
        return properties;
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(++i);
            switch (escaped) {
                case 's' -> out.append(' ');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }
}
