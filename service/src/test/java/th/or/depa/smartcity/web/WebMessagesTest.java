package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;

class WebMessagesTest {

    @ParameterizedTest
    @ValueSource(strings = {"signin.tooMany", "signin.expired", "signin.badToken",
        "signout.expired"})
    void everyMessageTheWebViewUsesHasBothLanguages(String key) {
        Bilingual m = WebMessages.of(key, "7");
        assertFalse(m.en().isBlank() || m.th().isBlank(), key);
        assertFalse(m.th().equals(m.en()), key);
    }

    @Test
    void everyKeyOfTheFileHasAnEnglishAndADifferentThaiText() throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var in = WebMessages.class.getResourceAsStream("/web/messages.properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        java.util.Set<String> keys = new java.util.TreeSet<>();
        p.stringPropertyNames().forEach(k -> keys.add(k.substring(0, k.lastIndexOf('.'))));
        for (String key : keys) {
            Bilingual m = WebMessages.of(key, "7", "8", "9", "10");
            assertFalse(m.en().isBlank() || m.th().isBlank(), key);
            assertFalse(m.th().equals(m.en()), key);
        }
    }

    @Test
    void numbersAreFilledInAsWritten() {
        Bilingual m = WebMessages.of("signin.tooMany", "1200");
        assertEquals("Too many failed sign-ins from this address; try again in 1200 seconds.", m.en());
        assertEquals("ลงชื่อเข้าใช้ไม่สำเร็จหลายครั้งเกินไป โปรดลองอีกครั้งใน 1200 วินาที", m.th());
    }

    @Test
    void anUnknownKeyIsAnError() {
        assertThrows(IllegalStateException.class, () -> WebMessages.of("no.such.key"));
    }
}
