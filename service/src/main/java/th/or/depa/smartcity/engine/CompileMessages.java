package th.or.depa.smartcity.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the rule compiler's messages into the line the reviewer wrote wrong and words they can act on. The DRL
 * parser notices a missing bracket or a missing {@code then} only at the next word it cannot place, often on the next
 * line; the executable model says "Unable to Analyse Expression" for a field a fact does not have. The texts are in
 * engine/messages.properties.
 */
final class CompileMessages {

    private static final String FACTS = "th.or.depa.smartcity.facts.";
    private static final Pattern PARSER = Pattern.compile(
            "\\[ERR \\d+] Line (\\d+):(\\d+) (?:mismatched input|extraneous input|no viable alternative at input"
                    + "|missing \\S+ at) '(.*?)'(?: in rule \"?([^\"]*)\"?)?.*", Pattern.DOTALL);
    private static final Pattern EXPRESSION = Pattern.compile(
            "(?:Unable to Analyse Expression|Unable to parse left part of expression:?)\\s+(.+?):?\\s*$", Pattern.DOTALL);
    private static final Pattern RULE = Pattern.compile("^\\s*rule\\b");
    private static final Pattern THEN = Pattern.compile("^\\s*then\\b");
    private static final Pattern WHEN = Pattern.compile("^\\s*when\\b");
    private static final Pattern NAME = Pattern.compile("(?<![.$\\w])([A-Za-z_]\\w*)\\b(?!\\s*\\()");
    private static final Set<String> WORDS = Set.of("true", "false", "null", "instanceof", "matches", "contains",
            "memberOf", "not", "in", "soundslike", "str", "this", "new");

    private CompileMessages() {
    }

    /** The error as the reviewer can act on it; unchanged when it is none of the cases above. */
    static RuleError explain(RuleError e, String source) {
        if (source == null) {
            return e;
        }
        String[] lines = source.split("\r\n|\r|\n", -1);
        Matcher parser = PARSER.matcher(e.message());
        if (parser.matches()) {
            return syntax(e.file(), lines, Integer.parseInt(parser.group(1)), Integer.parseInt(parser.group(2)),
                    parser.group(3), parser.group(4));
        }
        Matcher expression = EXPRESSION.matcher(e.message());
        if (expression.find() && e.line() > 0 && e.line() <= lines.length) {
            RuleError field = unknownField(e.file(), lines, e.line(), expression.group(1).strip());
            if (field != null) {
                return field;
            }
        }
        return e;
    }

    private static RuleError syntax(String file, String[] lines, int line, int column, String token, String rule) {
        int ruleStart = line;
        while (ruleStart > 1 && !RULE.matcher(lines[ruleStart - 1]).find()) {
            ruleStart--;
        }
        int open = token.equals(")") ? 0 : unclosedBracket(lines, ruleStart, line, column);
        if (open > 0) {
            return new RuleError(file, open, EngineMessages.text("compile.unclosedBracket", token, line));
        }
        boolean when = false;
        boolean then = false;
        boolean statement = token.equals("end");
        for (int l = ruleStart; l < line; l++) {
            when |= WHEN.matcher(lines[l - 1]).find();
            then |= THEN.matcher(lines[l - 1]).find();
            statement |= when && lines[l - 1].strip().endsWith(";");
        }
        if (when && !then && statement) {
            int first = line - 1;
            for (int l = ruleStart; l < line; l++) {
                if (lines[l - 1].strip().endsWith(";")) {
                    first = l; // the first statement: the consequence begins here
                    break;
                }
            }
            return new RuleError(file, first, EngineMessages.text("compile.noThen",
                    rule == null || rule.isBlank() ? "?" : rule));
        }
        int previous = line - 1;
        while (previous >= 1 && (lines[previous - 1].isBlank() || lines[previous - 1].strip().startsWith("//"))) {
            previous--;
        }
        boolean startsLine = line <= lines.length && column <= lines[line - 1].length()
                && lines[line - 1].substring(0, column).isBlank();
        if (startsLine && previous >= 1) {
            return new RuleError(file, previous, EngineMessages.text("compile.incomplete", token, line));
        }
        return new RuleError(file, line, EngineMessages.text("compile.unexpected", token));
    }

    /** The line of the innermost ( still open where the parser stopped, from the rule's start; 0 when none. */
    private static int unclosedBracket(String[] lines, int from, int line, int column) {
        Deque<Integer> open = new ArrayDeque<>();
        for (int l = from; l <= Math.min(line, lines.length); l++) {
            String text = l == line ? lines[l - 1].substring(0, Math.min(column, lines[l - 1].length())) : lines[l - 1];
            char quote = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                    break;
                } else if (c == '(') {
                    open.push(l);
                } else if (c == ')' && !open.isEmpty()) {
                    open.pop();
                }
            }
        }
        return open.isEmpty() ? 0 : open.peek();
    }

    /** A name in the expression that the pattern's fact class does not have, with the nearest it does have. */
    private static RuleError unknownField(String file, String[] lines, int line, String expression) {
        String text = lines[line - 1];
        int at = text.indexOf(expression.length() > 12 ? expression.substring(0, 12) : expression);
        String before = at >= 0 ? text.substring(0, at) : text;
        Matcher type = Pattern.compile("([A-Z]\\w*)\\s*\\(").matcher(before);
        String fact = null;
        while (type.find()) {
            fact = type.group(1);
        }
        for (int l = line - 1; fact == null && l >= 1 && !WHEN.matcher(lines[l - 1]).find(); l--) {
            Matcher earlier = Pattern.compile("([A-Z]\\w*)\\s*\\(").matcher(lines[l - 1]);
            while (earlier.find()) {
                fact = earlier.group(1);
            }
        }
        Class<?> cls = fact == null ? null : factClass(fact);
        if (cls == null) {
            return null;
        }
        Set<String> fields = fields(cls);
        Matcher names = NAME.matcher(expression.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
        while (names.find()) {
            String name = names.group(1);
            int end = names.end();
            boolean binding = end < expression.length() && expression.substring(end).stripLeading().startsWith(":")
                    && !expression.substring(end).stripLeading().startsWith("::");
            if (WORDS.contains(name) || fields.contains(name) || binding || Character.isUpperCase(name.charAt(0))) {
                continue;
            }
            String nearest = nearest(name, fields);
            return new RuleError(file, line, nearest == null
                    ? EngineMessages.text("compile.unknownFieldNoGuess", fact, name, String.join(", ", fields))
                    : EngineMessages.text("compile.unknownField", fact, name, nearest));
        }
        return null;
    }

    private static Class<?> factClass(String simpleName) {
        try {
            return Class.forName(FACTS + simpleName, false, CompileMessages.class.getClassLoader());
        } catch (ClassNotFoundException notAFact) {
            return null;
        }
    }

    /** What a constraint may read of a fact: its record components and public no-argument methods. */
    private static Set<String> fields(Class<?> cls) {
        Set<String> out = new TreeSet<>();
        if (cls.isRecord()) {
            for (RecordComponent c : cls.getRecordComponents()) {
                out.add(c.getName());
            }
        }
        for (Method m : cls.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class
                    && m.getDeclaringClass() != Object.class && !List.of("hashCode", "toString").contains(m.getName())) {
                String n = m.getName();
                out.add(n.startsWith("get") && n.length() > 3 ? Character.toLowerCase(n.charAt(3)) + n.substring(4) : n);
            }
        }
        return out;
    }

    /** The closest name by edit distance, if close enough to be a slip (at most a third of its letters). */
    private static String nearest(String name, Set<String> fields) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String f : fields) {
            int d = distance(name.toLowerCase(), f.toLowerCase());
            if (d < bestDistance) {
                best = f;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int swap = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + swap);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
