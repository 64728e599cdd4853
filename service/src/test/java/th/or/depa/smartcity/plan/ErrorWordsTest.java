package th.or.depa.smartcity.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** errors/messages.properties: every English pattern has Thai with the same placeholders; messages are recognised. */
class ErrorWordsTest {

    static Properties file() throws Exception {
        Properties p = new Properties();
        try (var in = ErrorWordsTest.class.getResourceAsStream("/errors/messages.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static TreeSet<String> placeholders(String pattern) {
        TreeSet<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\\d+}").matcher(pattern.replaceAll("'[^']*'", ""));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void everyEnglishPatternHasThaiWithTheSamePlaceholders() throws Exception {
        Properties p = file();
        List<String> wrong = new ArrayList<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (!key.endsWith(".en")) {
                continue;
            }
            String th = p.getProperty(key.substring(0, key.length() - 3) + ".th");
            boolean composed = key.equals("compose.field.en"); // "{0}: {2}": the Thai comes with its arguments
            if (th == null || (!composed && th.codePoints().noneMatch(cp -> cp >= 0x0E01 && cp <= 0x0E5B))) {
                wrong.add(key + ": no Thai");
            } else if (!key.startsWith("compose.") && !placeholders(th).equals(placeholders(p.getProperty(key)))) {
                wrong.add(key + ": placeholders differ");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theMessagesTheServiceWritesAreRecognisedWithTheirArguments() {
        List<String> messages = List.of("is required", "must be at most 10000 characters", "must be at most 5",
                "must be at least -1000000000000", "duplicate domain ENVIRONMENT", "duplicate field",
                "must be one of LIVABLE, NEW", "must be a whole number from 1 to 200", "unknown province",
                "must be within the certificate's period, 2024-01-01 to 2026-12-31",
                "a renewal is submitted with its progress report to /api/plans/{id}/renewal",
                "Unexpected end-of-input (line 1, column 14)", "too many errors: only the first 1000 are listed",
                StorableText.NUL, StorableText.LONE_SURROGATE, "is not a KPI of the certified plan: K9",
                "misses the service S1 of the certified plan", "the body is larger than 1 MiB",
                "There was an error processing your request. It has been logged (ID 00ab00ab00ab00ab).",
                "more than 60 submissions and evaluations a minute; retry in 12 s");
        List<String> unknown = messages.stream().filter(m -> !ErrorWords.knows(m)).toList();
        assertEquals(List.of(), unknown);
    }

    @Test
    void theThaiTakesTheArgumentsOfTheEnglish() {
        assertEquals("ต้องยาวไม่เกิน 10000 ตัวอักษร", ErrorWords.reason("must be at most 10000 characters").th());
        assertEquals("ต้องไม่เกิน 5", ErrorWords.reason("must be at most 5").th(), "the less specific pattern");
        assertEquals("domain ซ้ำ: ENVIRONMENT", ErrorWords.reason("duplicate domain ENVIRONMENT").th());
        assertEquals("ต้องอยู่ในช่วงอายุของใบรับรอง คือ 2024-01-01 ถึง 2026-12-31",
                ErrorWords.reason("must be within the certificate's period, 2024-01-01 to 2026-12-31").th());
    }

    @Test
    void anUnknownMessageKeepsItsEnglishInsideThai() {
        FieldError.Reason r = ErrorWords.reason("something nobody wrote down");
        assertEquals("something nobody wrote down", r.en());
        assertTrue(r.th().contains("something nobody wrote down") && !r.th().equals(r.en()), r.th());
    }

    @Test
    void aFieldErrorGetsItsReasonFromItsMessage() {
        FieldError e = new FieldError("city.population", "must not be negative");
        assertEquals(new FieldError.Reason("must not be negative", "ต้องไม่เป็นค่าติดลบ"), e.reason());
    }
}
