package th.or.depa.smartcity.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import th.or.depa.smartcity.engine.sandbox.CompiledCodeCheck;

/**
 * Names the file and line behind a refused reference in compiled rule code. The executable model shares generated
 * classes between rules, so the bytecode does not say which file wrote a call: the first line outside a comment that
 * names the member (or, for a constructor or a type, the class) is the culprit.
 */
final class Culprit {

    private Culprit() {
    }

    static RuleError locate(Map<String, String> sources, CompiledCodeCheck.Violation v) {
        String member = v.member();
        String owner = v.reference().substring(0, v.reference().length() - (member.isEmpty() ? 0 : member.length() + 1));
        String simple = owner.substring(Math.max(owner.lastIndexOf('.'), owner.lastIndexOf('$')) + 1);
        List<String> words = member.isEmpty() || member.startsWith("<") ? List.of(simple) : List.of(member, simple);
        return firstNaming(sources, words, "rules may not use " + v.reference() + ": " + CompiledCodeCheck.ALLOWED);
    }

    private static final Pattern NAMES = Pattern.compile("([A-Za-z_$][\\w$]*)(?=\\s*\\()|[\\w$]+(?:\\.[\\w$]+)*\\.([A-Za-z_$][\\w$]*)");

    /** A compiler message about generated Java: the first file line that names a method or class it mentions. */
    static RuleError inSources(Map<String, String> sources, String message) {
        List<String> words = new ArrayList<>();
        Matcher names = NAMES.matcher(message);
        while (names.find()) {
            words.add(names.group(1) != null ? names.group(1) : names.group(2));
        }
        return firstNaming(sources, words, message);
    }

    /** The first line outside a comment, in the first file, that names the first word found; else the first file. */
    private static RuleError firstNaming(Map<String, String> sources, List<String> words, String message) {
        for (String word : words) {
            Pattern p = Pattern.compile("(?m)^(?!\\s*//).*?\\b" + Pattern.quote(word) + "\\b");
            for (Map.Entry<String, String> f : sources.entrySet()) {
                Matcher m = p.matcher(f.getValue());
                if (m.find()) {
                    return new RuleError(f.getKey(), lineOf(f.getValue(), m.start()), message);
                }
            }
        }
        return new RuleError(sources.isEmpty() ? "" : sources.keySet().iterator().next(), 0, message);
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
