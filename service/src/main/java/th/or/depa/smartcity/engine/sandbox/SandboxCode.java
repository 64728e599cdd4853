package th.or.depa.smartcity.engine.sandbox;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import com.github.javaparser.ast.stmt.LocalRecordDeclarationStmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks one piece of code from a rule file: a consequence (the then part, Java) or an expression (a constraint,
 * a from or accumulate argument, an attribute value: MVEL in the classic build).
 *
 * <p>The text is lexed the way the compilers do (Java: unicode escapes first, comments and quoted text skipped;
 * characters Java ignores in identifiers are dropped, so {@code Sys\u200btem} reads as System). Every identifier
 * outside quoted text is compared with the refused names, and every dotted name that starts an expression
 * ({@code java.nio.file.Files.writeString}, {@code Status.MET}, {@code new ArrayList}) is resolved to the class it
 * names, through the file's imports, like the compiler would, and refused when that class is not allowed.
 * A consequence is also parsed with JavaParser to refuse calls without an object other than insert, update and
 * delete, and declarations of classes.
 */
final class SandboxCode {

    enum Mode { JAVA, EXPRESSION }

    /** A refusal at an index of the checked text (as written, before unicode escapes were read). */
    record Violation(int index, String message) {
    }

    static final Set<String> UNSCOPED_CALLS = Set.of("insert", "insertLogical", "update", "delete", "retract",
            "modify");

    private enum Kind { IDENT, PUNCT, LITERAL }

    private record Token(Kind kind, String text, int at) {
    }

    private final SandboxPolicy policy;
    private final Mode mode;
    /** Lexed as Java (unicode escapes, comments, char literals) or as MVEL (no comments, '...' is text). */
    private final boolean java;
    private final String normal;
    private final int[] origin;
    private final Map<String, Violation> found;

    private SandboxCode(SandboxPolicy policy, Mode mode, boolean java, String text, Map<String, Violation> found) {
        this.policy = policy;
        this.mode = mode;
        this.java = java;
        this.found = found;
        StringBuilder sb = new StringBuilder(text.length());
        List<Integer> orig = new ArrayList<>(text.length() + 1);
        normalise(text, java, sb, orig);
        orig.add(text.length());
        this.normal = sb.toString();
        this.origin = orig.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A consequence is read as Java. An expression is read twice, as Java and as MVEL, and refused if either
     * reading finds something: Drools compiles some expressions as Java (accumulate arguments) and evaluates others
     * with MVEL, and text that one language takes for a comment or quoted text may be code for the other.
     */
    static List<Violation> check(String text, Mode mode, SandboxPolicy policy) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        Map<String, Violation> found = new LinkedHashMap<>();
        SandboxCode asJava = new SandboxCode(policy, mode, true, text, found);
        List<Token> tokens = asJava.tokens();
        asJava.names(tokens);
        if (mode == Mode.JAVA) {
            if (!asJava.structure()) {
                asJava.braces(tokens);
            }
        } else {
            SandboxCode asMvel = new SandboxCode(policy, mode, false, text, found);
            asMvel.names(asMvel.tokens());
        }
        return List.copyOf(found.values());
    }

    // ---- reading the text like the compiler ------------------------------------------------------------------

    /**
     * Java reads unicode escapes before anything else (JLS 3.3): a backslash preceded by an even number of
     * backslashes, one or more u, four hex digits. Identifier-ignorable characters are dropped everywhere.
     */
    private static void normalise(String in, boolean unicodeEscapes, StringBuilder out, List<Integer> orig) {
        int n = in.length();
        int backslashes = 0;
        int i = 0;
        while (i < n) {
            char ch = in.charAt(i);
            if (unicodeEscapes && ch == '\\' && backslashes % 2 == 0 && i + 1 < n && in.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < n && in.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= n && isHex(in, j, j + 4)) {
                    char decoded = (char) Integer.parseInt(in.substring(j, j + 4), 16);
                    if (!Character.isIdentifierIgnorable(decoded)) {
                        out.append(decoded);
                        orig.add(i);
                    }
                    i = j + 4;
                    backslashes = 0;
                    continue;
                }
            }
            int cp = in.codePointAt(i);
            int len = Character.charCount(cp);
            if (!Character.isIdentifierIgnorable(cp)) {
                out.appendCodePoint(cp);
                for (int k = 0; k < len; k++) {
                    orig.add(i + k);
                }
            }
            backslashes = ch == '\\' ? backslashes + 1 : 0;
            i += len;
        }
    }

    private static boolean isHex(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    private List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        String s = normal;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (java && c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    i++;
                }
            } else if (java && c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (java && s.startsWith("\"\"\"", i)) {
                refuse(i, "text blocks (\"\"\") are not allowed in rules: join quoted texts with +");
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && (!java || (s.charAt(j) != '\n' && s.charAt(j) != '\r'))) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Token(Kind.LITERAL, s.substring(i, Math.min(j + 1, n)), i));
                i = j + 1;
            } else if (Character.isJavaIdentifierStart(s.codePointAt(i))) {
                int j = i;
                while (j < n && Character.isJavaIdentifierPart(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                out.add(new Token(Kind.IDENT, s.substring(i, j), i));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isJavaIdentifierPart(s.charAt(j))
                        || (s.charAt(j) == '.' && j + 1 < n && Character.isDigit(s.charAt(j + 1))))) {
                    j++;
                }
                out.add(new Token(Kind.LITERAL, s.substring(i, j), i));
                i = j;
            } else if (c == ':' && i + 1 < n && s.charAt(i + 1) == ':') {
                out.add(new Token(Kind.PUNCT, "::", i));
                i += 2;
            } else {
                if (c == '\\' && !java) {
                    refuse(i, "\"\\\" is not allowed outside quoted text in a condition");
                }
                out.add(new Token(Kind.PUNCT, String.valueOf(c), i));
                i++;
            }
        }
        return out;
    }

    // ---- names --------------------------------------------------------------------------------------------------

    private void names(List<Token> tokens) {
        boolean[] reported = new boolean[tokens.size()];
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.kind() == Kind.PUNCT && mode == Mode.EXPRESSION
                    && (t.text().equals(";") || t.text().equals("{") || t.text().equals("}"))) {
                refuse(t.at(), "\"" + t.text() + "\" is not allowed in a condition: write a single expression");
            }
            if (t.kind() != Kind.IDENT || reported[k]) {
                continue;
            }
            String name = t.text();
            if (SandboxPolicy.DENIED_NAMES.contains(name) || name.contains("__")
                    || (mode == Mode.EXPRESSION && SandboxPolicy.DENIED_IN_EXPRESSIONS.contains(name))) {
                refuse(t.at(), messageFor(name));
                continue;
            }
            Token prev = k == 0 ? null : tokens.get(k - 1);
            if (prev != null && prev.kind() == Kind.PUNCT && (prev.text().equals(".") || prev.text().equals("::"))) {
                continue; // a member, not the start of a name
            }
            List<String> segments = new ArrayList<>();
            segments.add(name);
            int j = k + 1;
            while (j + 1 < tokens.size() && tokens.get(j).kind() == Kind.PUNCT && tokens.get(j).text().equals(".")
                    && tokens.get(j + 1).kind() == Kind.IDENT) {
                segments.add(tokens.get(j + 1).text());
                j += 2;
            }
            String refused = policy.refusedName(segments);
            if (refused != null) {
                refuse(t.at(), messageFor(refused));
                // the rest of the name is the same offence
                int parts = refused.split("\\.").length;
                for (int m = k; m < Math.min(j, k + 2 * parts - 1); m++) {
                    reported[m] = true;
                }
            }
        }
    }

    static String messageFor(String name) {
        return switch (name) {
            case "drools", "kcontext", "consequenceCtx", "KnowledgeHelper", "RuleContext", "getProjectClassLoader",
                 "getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory", "getKieBase",
                 "getEntryPoint", "getChannels", "kieRuntime", "knowledgeRuntime", "workingMemory" ->
                    "\"" + name + "\" is not allowed in rules: a rule may not reach into the rule engine;"
                            + " use insert(...) to add a fact";
            case "class", "interface", "enum" ->
                    "\"" + name + "\" is not allowed in rules: a rule may not use classes as values or declare types;"
                            + " " + SandboxPolicy.ALLOWED_TEXT;
            case "eval" -> "eval(...) is not allowed in rules: write the condition as a constraint of a pattern,"
                    + " e.g. Plan( areaKm2 > 0 )";
            case "import", "def", "function" ->
                    "\"" + name + "\" is not allowed in a condition: write a single expression";
            default -> name.contains("__")
                    ? "\"" + name + "\" is not allowed in rules: names with __ belong to the rule engine"
                    : "\"" + name + "\" is not allowed in rules: " + SandboxPolicy.ALLOWED_TEXT;
        };
    }

    // ---- structure of a consequence ----------------------------------------------------------------------------

    /** Parses the consequence as a Java block; false when JavaParser cannot read it. */
    private boolean structure() {
        String wrapped = "{" + normal + "\n}";
        ParseResult<BlockStmt> result;
        try {
            ParserConfiguration cfg = new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                    .setAttributeComments(false);
            result = new JavaParser(cfg).parseBlock(wrapped);
        } catch (RuntimeException e) {
            return false;
        }
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            return false;
        }
        int[] lineStarts = lineStarts(wrapped);
        BlockStmt block = result.getResult().get();
        for (MethodCallExpr call : block.findAll(MethodCallExpr.class)) {
            if (call.getScope().isEmpty() && !UNSCOPED_CALLS.contains(call.getNameAsString())) {
                refuse(at(call, lineStarts), "\"" + call.getNameAsString() + "(...)\" is not allowed in rules:"
                        + " the then part may call insert, insertLogical, update and delete, and methods of values");
            }
        }
        for (ObjectCreationExpr created : block.findAll(ObjectCreationExpr.class)) {
            if (created.getAnonymousClassBody().isPresent()) {
                refuse(at(created, lineStarts), "declaring a class (new " + created.getTypeAsString()
                        + "() { ... }) is not allowed in rules; use a lambda or plain code");
            }
        }
        for (Node local : block.findAll(Node.class,
                x -> x instanceof LocalClassDeclarationStmt || x instanceof LocalRecordDeclarationStmt)) {
            refuse(at(local, lineStarts), "declaring a class or record is not allowed in rules");
        }
        return true;
    }

    private int at(Node node, int[] lineStarts) {
        Position p = node.getBegin().orElse(null);
        if (p == null || p.line < 1 || p.line > lineStarts.length) {
            return 0;
        }
        int wrappedIndex = lineStarts[p.line - 1] + p.column - 1;
        return Math.max(0, Math.min(normal.length(), wrappedIndex - 1));
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** For a consequence JavaParser cannot read: its braces must still close, so that it cannot leave its method. */
    private void braces(List<Token> tokens) {
        int depth = 0;
        for (Token t : tokens) {
            if (t.kind() != Kind.PUNCT) {
                continue;
            }
            if (t.text().equals("{")) {
                depth++;
            } else if (t.text().equals("}") && --depth < 0) {
                refuse(t.at(), "the braces { } of the then part do not match");
                return;
            }
        }
        if (depth != 0) {
            refuse(tokens.isEmpty() ? 0 : tokens.get(tokens.size() - 1).at(),
                    "the braces { } of the then part do not match");
        }
    }

    private void refuse(int normalIndex, String message) {
        int index = origin[Math.max(0, Math.min(normalIndex, origin.length - 1))];
        found.putIfAbsent(index + "\u0000" + message, new Violation(index, message));
    }
}
