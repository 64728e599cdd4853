package th.or.depa.smartcity.engine.sandbox;

import th.or.depa.smartcity.engine.RuleError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BehaviorDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalBranchDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EntryPointDeclarationDescr;
import org.drools.drl.ast.descr.EntryPointDescr;
import org.drools.drl.ast.descr.EnumDeclarationDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.GroupByDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NamedConsequenceDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.WindowDeclarationDescr;
import org.drools.drl.ast.descr.WindowReferenceDescr;
import org.drools.drl.parser.DrlParser;

/**
 * The static allow-list for rule files, read before anything is built (spec/api.md: rule files may use only the fact
 * and result classes and java.lang, java.util, java.time, java.math; {@link CompiledCodeCheck} then holds the
 * compiled code to a narrower list). Every file is parsed with Drools' own DRL parser and every piece is judged.
 *
 * <p>Refused: imports of anything else, import function / import static / import accumulate, globals, functions,
 * declare (types, enums, entry points, windows), units, dialect "mvel" (package or rule), eval(...),
 * if (...) do[...], accumulate with init/action/reverse/result code, annotation values other than plain values
 * (Drools evaluates them with MVEL while building), and in every piece of code (consequences, constraints, from and
 * accumulate arguments, attribute expressions): names of classes outside the allow-list however written
 * (imported, fully qualified, unicode-escaped), System, Runtime, threads, class loading and reflection
 * (getClass, forName, .class, ...), drools/kcontext, and calls in a consequence other than insert, update, delete and
 * methods of values. See {@link SandboxPolicy} for the lists and {@link SandboxCode} for how code is read.
 *
 * <p>A file with a syntax error gives no refusal here: the compiler reports the syntax error itself.
 */
public final class RuleSandbox {

    /** MVEL's class literal: (String).getName(), (Parameter).getRecordComponents(). */
    private static final Pattern TYPE_MEMBER = Pattern.compile("\\(\\s*([\\w$]+\\s*\\.\\s*)*[A-Z][\\w$]*\\s*\\)\\s*\\.");
    private static final Pattern EXPANDER = Pattern.compile("(?m)^\\s*expander\\b");
    private static final Pattern PLAIN_VALUE = Pattern.compile(
            "\\s*(\"([^\"\\\\\\r\\n]|\\\\[^u\\r\\n])*\"|'([^'\\\\\\r\\n]|\\\\[^u\\r\\n])*'|-?\\d+(\\.\\d+)?[lLdDfF]?"
                    + "|true|false)\\s*");
    private static final Pattern WATCH_VALUE = Pattern.compile("[\\p{Alnum}_$\\s,!*]*");

    private RuleSandbox() {
    }

    /** Checks one DRL source (path is relative to the rules folder, for messages). Returns every violation; empty = allowed. Never throws. */
    public static List<RuleError> check(String path, String drl) {
        String file = path == null ? "" : path;
        if (drl == null) {
            return List.of();
        }
        try {
            return new Run(file, drl).run();
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(new RuleError(file, 0, "the rule file could not be checked for code that rules may not use"
                    + " (" + e.getClass().getSimpleName() + "), so it is refused"));
        }
    }

    /** One check of one file. */
    private static final class Run {

        private final String file;
        private final String drl;
        private final int[] lineStarts;
        private final Set<RuleError> errors = new LinkedHashSet<>();
        private SandboxPolicy policy;

        Run(String file, String drl) {
            this.file = file;
            this.drl = drl;
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < drl.length(); i++) {
                char c = drl.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= drl.length() || drl.charAt(i + 1) != '\n'))) {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        List<RuleError> run() {
            var expander = EXPANDER.matcher(drl);
            if (expander.find()) {
                refuse(lineOf(expander.start()), "\"expander\" (a DSL) is not allowed in rules: write the rule in DRL");
            }
            DrlParser parser = new DrlParser();
            PackageDescr pkg;
            try {
                pkg = parser.parse(false, drl);
            } catch (Exception e) {
                return List.copyOf(errors); // the compiler reports what it cannot parse
            }
            if (pkg == null || parser.hasErrors()) {
                return List.copyOf(errors);
            }
            List<String> targets = new ArrayList<>();
            for (ImportDescr i : pkg.getImports()) {
                targets.add(i.getTarget());
            }
            policy = new SandboxPolicy(pkg.getName(), targets);

            if (pkg.getUnit() != null) {
                refuse(line(pkg.getUnit(), 0), "\"unit\" is not allowed in rules: write plain rules");
            }
            for (ImportDescr i : pkg.getImports()) {
                if (!policy.allowedImport(i.getTarget())) {
                    refuse(line(i, 0), "import \"" + i.getTarget() + "\" is not allowed in rules: "
                            + SandboxPolicy.ALLOWED_TEXT);
                }
            }
            for (FunctionImportDescr i : pkg.getFunctionImports()) {
                refuse(line(i, 0), "import static / import function \"" + i.getTarget() + "\" is not allowed in rules:"
                        + " a rule file may import only classes; " + SandboxPolicy.ALLOWED_TEXT);
            }
            for (AccumulateImportDescr i : pkg.getAccumulateImports()) {
                refuse(line(i, 0), "import accumulate \"" + i.getTarget() + "\" is not allowed in rules: use a built-in"
                        + " function such as count, sum, collectList or collectSet");
            }
            for (GlobalDescr g : pkg.getGlobals()) {
                refuse(line(g, 0), "global \"" + g.getIdentifier() + "\" is not allowed in rules: a rule file may not"
                        + " declare globals");
            }
            for (FunctionDescr f : pkg.getFunctions()) {
                refuse(line(f, 0), "function \"" + f.getName() + "\" is not allowed in rules: a rule file may not"
                        + " declare functions; write the code in the rule");
            }
            for (TypeDeclarationDescr t : pkg.getTypeDeclarations()) {
                refuse(line(t, 0), "declare \"" + t.getTypeName() + "\" is not allowed in rules: a rule file may not"
                        + " declare types; rules use the fact classes");
            }
            for (EnumDeclarationDescr t : pkg.getEnumDeclarations()) {
                refuse(line(t, 0), "declare enum \"" + t.getTypeName() + "\" is not allowed in rules: a rule file may"
                        + " not declare types; rules use the fact classes");
            }
            for (EntryPointDeclarationDescr t : pkg.getEntryPointDeclarations()) {
                refuse(line(t, 0), "declare entry-point is not allowed in rules");
            }
            for (WindowDeclarationDescr t : pkg.getWindowDeclarations()) {
                refuse(line(t, 0), "declare window is not allowed in rules");
            }
            for (AttributeDescr a : pkg.getAttributes()) {
                attribute(a, 0);
            }
            for (RuleDescr r : pkg.getRules()) {
                rule(r);
            }
            List<RuleError> out = new ArrayList<>(errors);
            out.sort((a, b) -> Integer.compare(a.line(), b.line()));
            return out;
        }

        private void rule(RuleDescr r) {
            int start = r.getStartCharacter() >= 0 ? r.getStartCharacter() : offsetOfLine(r.getLine());
            int ruleLine = Math.max(r.getLine(), 0);
            annotations(r, start, ruleLine, false);
            for (AttributeDescr a : r.getAttributes().values()) {
                attribute(a, start);
            }
            if (r instanceof QueryDescr q && q.getParameterTypes() != null) {
                for (String type : q.getParameterTypes()) {
                    type(type, locate(type, start, ruleLine), 0);
                }
            }
            if (r.getLhs() != null) {
                lhs(r.getLhs(), start, ruleLine);
            }
            if (r.getConsequence() instanceof String text) {
                int from = r.getConsequenceLine() > 0 ? offsetOfLine(r.getConsequenceLine() - 1) : start;
                code(text, SandboxCode.Mode.JAVA, locate(text, Math.max(start, Math.min(from, drl.length())),
                        Math.max(r.getConsequenceLine(), ruleLine)));
            }
            for (Map.Entry<String, Object> named : r.getNamedConsequences().entrySet()) {
                if (named.getValue() instanceof String text) {
                    code(text, SandboxCode.Mode.JAVA, locate(text, start, ruleLine));
                }
            }
        }

        private void attribute(AttributeDescr a, int from) {
            String value = a.getValue() == null ? "" : a.getValue().strip();
            Loc at = locate(value, from, a.getLine());
            if ("dialect".equals(a.getName())) {
                String dialect = value.replace("\"", "").replace("'", "").strip();
                if (!dialect.equals("java")) {
                    refuse(line(a, at.lineAt(0)), "dialect \"" + dialect + "\" is not allowed in rules: only the default"
                            + " (Java) dialect is allowed");
                }
                return;
            }
            if (a.getType() == AttributeDescr.Type.STRING || a.getType() == AttributeDescr.Type.LIST
                    || a.getType() == AttributeDescr.Type.DATE) {
                return; // plain text, never evaluated
            }
            code(value, SandboxCode.Mode.EXPRESSION, at);
        }

        /** Drools evaluates annotation values with MVEL while it builds: only plain values may be written. */
        private void annotations(AnnotatedBaseDescr d, int from, int fallbackLine, boolean onPattern) {
            for (AnnotationDescr a : d.getAnnotations()) {
                int line = line(a, locate("@" + a.getName(), from, fallbackLine).lineAt(0));
                for (Object value : a.getValueMap().values()) {
                    List<Object> values = value instanceof Object[] array ? Arrays.asList(array) : List.of(value);
                    for (Object v : values) {
                        String text = String.valueOf(v);
                        boolean ok = PLAIN_VALUE.matcher(text).matches()
                                || (onPattern && "watch".equals(a.getName()) && WATCH_VALUE.matcher(text).matches()
                                && SandboxCode.check(text, SandboxCode.Mode.EXPRESSION, policy).isEmpty());
                        if (!ok) {
                            refuse(line, "the value of @" + a.getName() + " is not allowed in rules: write text in"
                                    + " quotes, a number or true/false");
                        }
                    }
                }
            }
        }

        private void lhs(BaseDescr d, int from, int fallbackLine) {
            int line = line(d, fallbackLine);
            int here = d.getStartCharacter() >= 0 ? d.getStartCharacter() : from;
            if (d instanceof PatternDescr p) {
                pattern(p, here, line);
            } else if (d instanceof EvalDescr) {
                refuse(line(d, locate("eval", here, line).lineAt(0)), SandboxCode.messageFor("eval"));
            } else if (d instanceof ConditionalBranchDescr) {
                refuse(line, "if (...) do[...] is not allowed in rules: write a separate rule for each case");
            } else if (d instanceof NamedConsequenceDescr) {
                return; // do[name]: the named consequence itself is checked with the rule
            } else if (d instanceof PatternSourceDescr s) {
                source(s, here, line);
            } else if (d instanceof ConditionalElementDescr ce) {
                // and, or, not, exists, forall
                for (Object child : ce.getDescrs()) {
                    if (child instanceof BaseDescr b) {
                        lhs(b, here, line);
                    } else {
                        unknown(child, line);
                    }
                }
            } else {
                unknown(d, line);
            }
        }

        private void pattern(PatternDescr p, int from, int line) {
            if (p.getObjectType() != null) {
                type(p.getObjectType(), locate(p.getObjectType(), from, line), 0);
            }
            annotations(p, from, line, true);
            for (BaseDescr c : p.getDescrs()) {
                int cfrom = c.getStartCharacter() >= 0 ? Math.max(0, c.getStartCharacter() - 2) : from;
                int cline = line(c, line);
                if (c instanceof ExprConstraintDescr e) {
                    code(e.getExpression(), SandboxCode.Mode.EXPRESSION, locate(e.getExpression(), cfrom, cline));
                } else if (c instanceof BindingDescr b) {
                    code(b.getVariable(), SandboxCode.Mode.EXPRESSION, locate(b.getVariable(), cfrom, cline));
                    code(b.getExpression(), SandboxCode.Mode.EXPRESSION, locate(b.getExpression(), cfrom, cline));
                } else {
                    unknown(c, cline);
                }
            }
            for (BehaviorDescr b : p.getBehaviors()) {
                for (String param : b.getParameters()) {
                    code(param, SandboxCode.Mode.EXPRESSION, locate(param, from, line));
                }
            }
            source(p.getSource(), from, line);
        }

        private void source(PatternSourceDescr s, int from, int line) {
            if (s == null || s instanceof EntryPointDescr || s instanceof WindowReferenceDescr) {
                return;
            }
            int here = s.getStartCharacter() >= 0 ? s.getStartCharacter() : from;
            int sline = line(s, line);
            if (s instanceof FromDescr f) {
                String expr = f.getExpression();
                code(expr, SandboxCode.Mode.EXPRESSION, locate(expr, here, sline));
            } else if (s instanceof AccumulateDescr a) {
                if (notBlank(a.getInitCode()) || notBlank(a.getActionCode()) || notBlank(a.getReverseCode())
                        || notBlank(a.getResultCode()) || notBlank(a.getClassName())) {
                    refuse(sline, "accumulate with init/action/reverse/result code is not allowed in rules: use a"
                            + " built-in function such as count, sum, collectList or collectSet");
                }
                for (AccumulateDescr.AccumulateFunctionCallDescr fn : a.getFunctions()) {
                    code(fn.getFunction(), SandboxCode.Mode.EXPRESSION, locate(fn.getFunction(), here, sline));
                    for (String param : fn.getParams()) {
                        code(param, SandboxCode.Mode.EXPRESSION, locate(param, here, sline));
                    }
                }
                if (a instanceof GroupByDescr g) {
                    code(g.getGroupingKey(), SandboxCode.Mode.EXPRESSION, locate(g.getGroupingKey(), here, sline));
                    code(g.getGroupingFunction(), SandboxCode.Mode.EXPRESSION,
                            locate(g.getGroupingFunction(), here, sline));
                }
                for (BaseDescr input : a.getDescrs()) {
                    lhs(input, here, sline);
                }
            } else if (s instanceof CollectDescr c) {
                if (c.getInputPattern() != null) {
                    lhs(c.getInputPattern(), here, sline);
                }
                for (BaseDescr input : c.getDescrs()) {
                    if (input != c.getInputPattern()) {
                        lhs(input, here, sline);
                    }
                }
            } else {
                unknown(s, sline);
            }
        }

        /** A type name written in the file (pattern type, query parameter). */
        private void type(String written, Loc at, int index) {
            String t = written.strip();
            int generic = t.indexOf('<');
            if (generic >= 0) {
                t = t.substring(0, generic);
            }
            t = t.replace("[]", "").strip();
            if (t.isEmpty()) {
                return;
            }
            code(t, SandboxCode.Mode.EXPRESSION, at);
            if (generic >= 0) {
                code(written.substring(generic).replace('<', ' ').replace('>', ' ').replace('?', ' ').replace(',', ' '),
                        SandboxCode.Mode.EXPRESSION, at);
            }
        }

        private void code(String text, SandboxCode.Mode mode, Loc at) {
            if (text == null || text.isBlank()) {
                return;
            }
            Matcher typeMember = TYPE_MEMBER.matcher(text);
            if (typeMember.find()) {
                refuse(at.lineAt(typeMember.start()), "\"" + typeMember.group().strip() + "\" is not allowed in rules:"
                        + " (Type).member reaches the class itself; use a fact's own fields");
            }
            for (SandboxCode.Violation v : SandboxCode.check(text, mode, policy)) {
                refuse(at.lineAt(v.index()), v.message());
            }
        }

        private void unknown(Object d, int line) {
            refuse(line, "this part of a rule (" + (d == null ? "?" : d.getClass().getSimpleName().replace("Descr", ""))
                    + ") is not allowed in rules");
        }

        // ---- where things are ---------------------------------------------------------------------------------

        /** Where a piece of text starts in the file: found after from, or only a line to count from. */
        private record Loc(Run run, String text, int offset, int line) {
            int lineAt(int index) {
                if (offset >= 0) {
                    return run.lineOf(offset + index);
                }
                int l = Math.max(line, 0);
                for (int i = 0; i < Math.min(index, text.length()); i++) {
                    if (text.charAt(i) == '\n') {
                        l++;
                    }
                }
                return l;
            }
        }

        private Loc locate(String text, int from, int fallbackLine) {
            if (text == null || text.isEmpty()) {
                return new Loc(this, "", -1, fallbackLine);
            }
            int at = drl.indexOf(text, Math.max(0, Math.min(from, drl.length())));
            if (at < 0) {
                at = drl.indexOf(text);
                if (at >= 0 && drl.indexOf(text, at + 1) >= 0) {
                    at = -1; // not unique: count from the line the parser gave
                }
            }
            return new Loc(this, text, at, fallbackLine);
        }

        int lineOf(int offset) {
            int i = Arrays.binarySearch(lineStarts, Math.max(0, Math.min(offset, drl.length())));
            return (i >= 0 ? i : -i - 2) + 1;
        }

        private int offsetOfLine(int line) {
            return line <= 0 ? 0 : lineStarts[Math.min(line, lineStarts.length) - 1];
        }

        private static int line(BaseDescr d, int fallback) {
            return d != null && d.getLine() > 0 ? d.getLine() : fallback;
        }

        private static boolean notBlank(String s) {
            return s != null && !s.isBlank();
        }

        private void refuse(int line, String message) {
            errors.add(new RuleError(file, Math.max(line, 0), message));
        }
    }
}
