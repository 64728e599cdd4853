package th.or.depa.smartcity.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/** What the engine tells a reviewer, from engine/messages.properties (UTF-8): wording is edited as text, not Java. */
public final class EngineMessages {

    private static final Properties TEXTS = load();

    private EngineMessages() {
    }

    /** The message with {0}, {1}… filled in; a missing key is a programming error. */
    public static String text(String key, Object... args) {
        String pattern = TEXTS.getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException("engine/messages.properties has no " + key);
        }
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = EngineMessages.class.getResourceAsStream("/engine/messages.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
