package th.or.depa.smartcity.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** The words of rule-set refusals, in English and Thai, from ruleset/messages.properties (never Java strings). */
final class RuleSetMessages {

    private static final Properties TEXTS = load();

    private RuleSetMessages() {
    }

    /** The text of key in language ("en", "th"), its {0}, {1} filled with args. */
    static String text(String key, String language, Object... args) {
        String pattern = TEXTS.getProperty(key + "." + language);
        if (pattern == null) {
            throw new IllegalStateException("ruleset/messages.properties has no " + key + "." + language);
        }
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = RuleSetMessages.class.getResourceAsStream("/ruleset/messages.properties")) {
            if (in == null) {
                throw new IllegalStateException("ruleset/messages.properties is missing from the class path");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
