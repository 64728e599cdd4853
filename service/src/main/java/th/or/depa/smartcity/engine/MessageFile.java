package th.or.depa.smartcity.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * A file of message patterns on the class path, read as UTF-8 (so Thai is written as Thai): the one reader behind
 * the engine's, the rule sets' and the web view's words, which are edited as text, never in Java.
 */
public final class MessageFile {

    private final String path;
    private final Properties texts = new Properties();

    private MessageFile(String path) {
        this.path = path;
        try (InputStream in = MessageFile.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the class path");
            }
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MessageFile load(String path) {
        return new MessageFile(path);
    }

    /** The pattern of key with {0}, {1}… filled in; a missing key is a programming error. */
    public String text(String key, Object... args) {
        String pattern = texts.getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException(path + " has no " + key);
        }
        return new MessageFormat(pattern, Locale.ROOT).format(args);
    }

    /** The keys of the file (for readers that walk every message, such as the matching of English errors). */
    public java.util.Set<String> keys() {
        return texts.stringPropertyNames();
    }

    /** The pattern of key as written, placeholders unfilled; a missing key is a programming error. */
    public String pattern(String key) {
        String pattern = texts.getProperty(key);
        if (pattern == null) {
            throw new IllegalStateException(path + " has no " + key);
        }
        return pattern;
    }
}
