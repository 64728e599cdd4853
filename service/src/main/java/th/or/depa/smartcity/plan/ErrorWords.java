package th.or.depa.smartcity.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.engine.MessageFile;

/**
 * The Thai of every error message the service answers with, from errors/messages.properties: each key has an
 * English pattern (key.en) and a Thai one (key.th) with the same {0}, {1} placeholders. Messages are either made
 * from a key ({@link #of}) or, where the English is produced by code that predates the Thai (the plan reader, the
 * small-body reader...), recognised by matching the English against the patterns ({@link #reason(String)}), so that
 * the English answers stay exactly as clients know them.
 */
public final class ErrorWords {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorWords.class);
    private static final String FILE = "errors/messages.properties";
    private static final MessageFile TEXTS = MessageFile.load(FILE);
    private static final List<Known> KNOWN = known();

    /** An English pattern as a regular expression: its placeholders capture, its words match as written. */
    private record Known(String key, Pattern english, int literal) {
    }

    private ErrorWords() {
    }

    /** key's message in both languages, {0}, {1}... filled with args. */
    public static FieldError.Reason of(String key, Object... args) {
        return new FieldError.Reason(TEXTS.text(key + ".en", args), TEXTS.text(key + ".th", args));
    }

    /** The English of key, {0}, {1}... filled with args. */
    public static String en(String key, Object... args) {
        return TEXTS.text(key + ".en", args);
    }

    /**
     * The reason of an English message: the most specific pattern it matches gives the Thai, with the same
     * arguments. A message no pattern knows keeps its English inside a Thai sentence (and is logged, to be added).
     */
    public static FieldError.Reason reason(String english) {
        if (english == null) {
            return null;
        }
        for (Known k : KNOWN) {
            Matcher m = k.english().matcher(english);
            if (m.matches()) {
                Object[] args = new Object[m.groupCount()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = m.group(i + 1);
                }
                return new FieldError.Reason(english, TEXTS.text(k.key() + ".th", args));
            }
        }
        LOG.warn("no Thai for the error message \"{}\": add it to {}", english, FILE);
        return new FieldError.Reason(english, TEXTS.text("untranslated.th", english));
    }

    /** True when the English message matches a pattern of the file (tests check that every message does). */
    public static boolean knows(String english) {
        return KNOWN.stream().anyMatch(k -> k.english().matcher(english).matches());
    }

    private static List<Known> known() {
        List<Known> out = new ArrayList<>();
        for (String name : TEXTS.keys()) {
            if (name.endsWith(".en") && !name.startsWith("compose.")) {
                String key = name.substring(0, name.length() - 3);
                // as MessageFormat prints it: '' is a quote, a single ' only quotes (as in '{id}')
                String pattern = TEXTS.pattern(name).replace("''", "\u0000").replace("'", "").replace('\u0000', '\'');
                StringBuilder regex = new StringBuilder();
                int literal = 0;
                Matcher p = Pattern.compile("\\{\\d+}").matcher(pattern);
                int at = 0;
                while (p.find()) {
                    regex.append(Pattern.quote(pattern.substring(at, p.start()))).append("(.*?)");
                    literal += p.start() - at;
                    at = p.end();
                }
                regex.append(Pattern.quote(pattern.substring(at)));
                literal += pattern.length() - at;
                out.add(new Known(key, Pattern.compile(regex.toString(), Pattern.DOTALL), literal));
            }
        }
        // the most words first: "must be at most {0} characters" before "must be at most {0}"
        out.sort(Comparator.comparingInt(Known::literal).reversed().thenComparing(Known::key));
        return List.copyOf(out);
    }
}
