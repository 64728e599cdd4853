package th.or.depa.smartcity.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;

/** The web view's words, from web/messages.properties (UTF-8), so that wording is edited as text, not in Java. */
final class WebMessages {

    private static final Properties TEXTS = load();

    private WebMessages() {
    }

    /** The message in both languages, with {0}, {1}… filled in; a key without both languages is an error. */
    static Bilingual of(String key, Object... args) {
        return new Bilingual(format(key + ".en", args), format(key + ".th", args));
    }

    private static String format(String key, Object[] args) {
        String pattern = TEXTS.getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException("web/messages.properties has no " + key);
        }
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = WebMessages.class.getResourceAsStream("/web/messages.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
