package io.carrack.filter.sql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exception-free parsers agree with the JDK's on tricky and random text. */
class NumberTextTest {
    private static final List<String> TRICKY = List.of("", "+", "-", "0", "-0", "+0", "007", "2147483647",
            "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "99999999999999999999", " 1", "1 ", "1.0", "1e3", "1L",
            "٣", "١٢", "０", "+-1", "--1", "0x10", "1_000", "NaN", "-Infinity", "Infinity", "infinity", ".5", "5.",
            ".", "e5", "1e", "1e+", "1e+5", "1E-5", "1f", "1d", "1.5F", "0x1p3", "  2.5  ", "\t3", "1,5", "abc",
            "1e400", "-1e400", "4.9e-324", "1e-400", "+.5e-3", "\u00001");

    @Test
    void agreesWithTheJdkOnTrickyText() {
        TRICKY.forEach(NumberTextTest::assertAgrees);
    }

    @Test
    void agreesWithTheJdkOnRandomText() {
        Random random = new Random(11);
        String alphabet = "0123456789+-.eEfFdDxXpPLNaInity ٣_";
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(22); j > 0; j--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            samples.add(text.toString());
        }
        samples.forEach(NumberTextTest::assertAgrees);
    }

    private static void assertAgrees(String text) {
        Long jdkInt;
        try {
            jdkInt = (long) Integer.parseInt(text);
        } catch (NumberFormatException e) {
            jdkInt = null;
        }
        long ours = NumberText.parseInt(text);
        assertEquals(jdkInt, ours == NumberText.NOT_AN_INT ? null : ours, "parseInt of '" + text + "'");

        boolean jdkLong;
        try {
            Long.parseLong(text);
            jdkLong = true;
        } catch (NumberFormatException e) {
            jdkLong = false;
        }
        assertEquals(jdkLong, NumberText.isLong(text), "isLong of '" + text + "'");

        boolean jdkDouble;
        try {
            Double.parseDouble(text);
            jdkDouble = true;
        } catch (NumberFormatException e) {
            jdkDouble = false;
        }
        assertEquals(jdkDouble, NumberText.isDouble(text), "isDouble of '" + text + "'");
    }
}
