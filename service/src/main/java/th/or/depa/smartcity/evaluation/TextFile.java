package th.or.depa.smartcity.evaluation;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.ULocale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import th.or.depa.smartcity.engine.RuleError;

/**
 * Reads one file of rules/texts: {@code key = template} lines in UTF-8, {@code #} or {@code !} comments, a line
 * ending in a backslash goes on with the next. Like java.util.Properties, but it keeps each key's line (a reviewer's
 * error names it) and leaves backslashes and apostrophes to ICU MessageFormat.
 */
final class TextFile {

    /** One template as written: where (for errors) and the ICU MessageFormat with every argument name it uses. */
    record Template(String key, String lang, String file, int line, String text, MessageFormat format,
                    Set<String> arguments) {

        String where() {
            return file + ":" + line;
        }
    }

    private TextFile() {
    }

    /** Adds the file's templates to templates (key → template), or what is wrong to errors (and broken). */
    static void read(String file, String lang, String text, Map<String, Template> templates, Set<String> broken,
                     List<RuleError> errors) {
        String[] lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n|\r", -1);
        ULocale locale = new ULocale(lang);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("!")) {
                continue;
            }
            StringBuilder value = new StringBuilder();
            int eq = l.indexOf('=');
            if (eq < 0) {
                errors.add(new RuleError(file, line, "a line is \"key = template\" (or a # comment): \"" + l + "\""));
                continue;
            }
            String key = l.substring(0, eq).strip();
            value.append(l.substring(eq + 1).stripLeading());
            while (endsInBackslash(value) && i + 1 < lines.length) {
                value.setLength(value.length() - 1);
                value.append(lines[++i].strip());
            }
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                errors.add(new RuleError(file, line, "\"" + key + "\" is not a key: a key has no spaces"));
                continue;
            }
            if (templates.containsKey(key)) {
                errors.add(new RuleError(file, line, key + " is already written at " + templates.get(key).where()));
                continue;
            }
            try {
                MessageFormat format = new MessageFormat(value.toString(), locale);
                templates.put(key, new Template(key, lang, file, line, value.toString(), format,
                        argumentNames(value.toString())));
            } catch (IllegalArgumentException e) {
                broken.add(key);
                errors.add(new RuleError(file, line, "the template " + key + " does not parse: " + e.getMessage()));
            }
        }
    }

    private static boolean endsInBackslash(StringBuilder s) {
        int n = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** Every argument a template names, also inside plural and select branches (getArgumentNames gives the top only). */
    private static Set<String> argumentNames(String template) {
        MessagePattern p = new MessagePattern(template);
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < p.countParts(); i++) {
            MessagePattern.Part part = p.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_NAME) {
                names.add(p.getSubstring(part));
            }
        }
        return Set.copyOf(names);
    }
}
