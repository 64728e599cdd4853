package th.or.depa.smartcity.evaluation;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.TextFile.Template;
import th.or.depa.smartcity.facts.Criterion;
import th.or.depa.smartcity.facts.Finding;
import th.or.depa.smartcity.facts.Refusal;

/**
 * The words of a rule set: every {@code texts/<name>.<en|th>.properties} file of it, ICU MessageFormat templates
 * keyed alike in both languages. A criterion's title is {@code <id>.title}, a finding's reason
 * {@code <id>.<STATUS>[.<variant>]}, the name of a code {@code <kind>.<CODE>} ({@code domain.ENVIRONMENT}). A template
 * is filled from the facts the rule reported; besides each fact {@code x} it may name {@code x_count} (a list's size),
 * {@code x_be} (a year in the Buddhist era), {@code x_given} (true or false) and {@code x_<kind>} (the fact's code or
 * list of codes by their names, {@code covered_domain}). See README "Editing rules".
 */
public final class Texts {

    public static final String FOLDER = "texts/";
    public static final List<String> LANGUAGES = List.of("en", "th");
    static final String MISSING = "value.missing";
    static final String NONE = "value.none";
    static final String REFUSAL = "refusal.";

    private static final Map<RuleFiles, Texts> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<String, Map<String, Template>> byLang = new HashMap<>();
    private final Set<String> kinds = new TreeSet<>();
    private final List<RuleError> errors = new ArrayList<>();
    private final Set<String> broken = new java.util.HashSet<>();
    private final Map<String, String> labels = new java.util.concurrent.ConcurrentHashMap<>();

    private Texts(RuleFiles files) {
        LANGUAGES.forEach(l -> byLang.put(l, new TreeMap<>()));
        files.files().forEach((path, text) -> {
            if (!path.startsWith(FOLDER)) {
                return;
            }
            String lang = language(path);
            if (lang == null) {
                errors.add(new RuleError(path, 0, "a texts file is named <name>.en.properties or <name>.th.properties"));
            } else {
                TextFile.read(path, lang, text, byLang.get(lang), broken, errors);
            }
        });
        byLang.get("en").keySet().forEach(k -> {
            int dot = k.indexOf('.');
            if (dot > 0) {
                kinds.add(k.substring(0, dot));
            }
        });
        for (String lang : LANGUAGES) {
            for (Template t : byLang.get(lang).values()) {
                for (String other : LANGUAGES) {
                    if (!byLang.get(other).containsKey(t.key()) && !broken.contains(t.key())) {
                        errors.add(new RuleError(t.file(), t.line(), t.key() + " has no " + other
                                + " template (in " + FOLDER + "*." + other + ".properties)"));
                    }
                }
            }
            for (String word : List.of(MISSING, NONE)) {
                if (!byLang.get(lang).containsKey(word)) {
                    errors.add(new RuleError(FOLDER, 0, "no " + lang + " word for " + word));
                }
            }
        }
    }

    /** The texts of a rule set, read once per RuleFiles. */
    public static Texts of(RuleFiles files) {
        return CACHE.computeIfAbsent(files, Texts::new);
    }

    private static String language(String path) {
        for (String lang : LANGUAGES) {
            if (path.endsWith("." + lang + ".properties")) {
                return lang;
            }
        }
        return null;
    }

    /** What is wrong with the files themselves: a template that does not parse, a key in one language only. */
    public List<RuleError> errors() {
        return List.copyOf(errors);
    }

    /** What the criteria in force need: a title in each language. */
    public List<RuleError> check(List<Criterion> criteria) {
        List<RuleError> out = new ArrayList<>();
        for (Criterion c : criteria) {
            for (String lang : LANGUAGES) {
                if (!byLang.get(lang).containsKey(c.id() + ".title")) {
                    out.add(new RuleError(FOLDER, 0, c.id() + " has no title: " + FOLDER + "*." + lang
                            + ".properties needs " + c.id() + ".title"));
                }
            }
        }
        return out;
    }

    private static final java.util.regex.Pattern REFUSAL_CALL = java.util.regex.Pattern.compile(
            "Refusal\\s*\\.\\s*(?:never|notNow|notNowAfterTransition|invalid)\\s*\\(\\s*\"([^\"]*)\"");

    /**
     * What the workflow rules need: a template for every refusal key they name ({@code Refusal.notNow("tie", …)} in
     * a workflow/*.drl), in each language, refused at the rule file's line. Read from the rule text, never run: a
     * key the rule computes is not seen here and, at run time, shows as itself.
     */
    public List<RuleError> checkRefusals(RuleFiles files) {
        List<RuleError> out = new ArrayList<>();
        files.files().forEach((path, text) -> {
            if (!path.startsWith(CompiledRuleSet.WORKFLOW_FOLDER) || !path.endsWith(".drl")) {
                return;
            }
            String[] lines = text.split("\r?\n|\r", -1);
            for (int i = 0; i < lines.length; i++) {
                java.util.regex.Matcher m = REFUSAL_CALL.matcher(lines[i]);
                while (m.find()) {
                    String key = REFUSAL + m.group(1);
                    for (String lang : LANGUAGES) {
                        if (!byLang.get(lang).containsKey(key) && !broken.contains(key)) {
                            out.add(new RuleError(path, i + 1, "the refusal " + m.group(1) + " has no " + lang
                                    + " template: add " + key + " = … to " + FOLDER + "workflow." + lang
                                    + ".properties"));
                        }
                    }
                }
            }
        });
        return out;
    }

    public Bilingual title(String criterion) {
        return render(criterion + ".title", Map.of(), criterion, "the criterion " + criterion, false);
    }

    /**
     * The reason of a finding in both languages. strict (rule tests): a template that is missing or names a fact the
     * rule did not report is a {@link TextProblem}; otherwise such a gap shows the word for a missing value.
     */
    public Bilingual reason(Finding f, String rule, boolean strict) {
        String key = f.criterion() + "." + f.status() + (f.variant() == null ? "" : "." + f.variant());
        return render(key, f.facts() == null ? Map.of() : f.facts(), f.criterion(), rule, strict);
    }

    /**
     * A workflow refusal's reason in both languages: the template {@code refusal.<key>} filled from its facts. strict
     * (tests): a missing template or fact is a {@link TextProblem}; otherwise the gap shows as the key or the word
     * for a missing value.
     */
    public Bilingual refusal(Refusal r, String rule, boolean strict) {
        String key = REFUSAL + r.key();
        return render(key, r.facts() == null ? Map.of() : r.facts(), key, rule, strict);
    }

    /** A code by its name (kind "domain", "state", "outcome", …); an unknown code stands for itself. */
    public Bilingual label(String kind, String code) {
        if (code == null) {
            return new Bilingual("-", "-");
        }
        return new Bilingual(label(kind, code, "en"), label(kind, code, "th"));
    }

    /** The template key in both languages, filled from facts; context names who reported them (for errors). */
    public Bilingual render(String key, Map<String, Object> facts, String owner, String context, boolean strict) {
        return new Bilingual(render(key, "en", facts, owner, context, strict),
                render(key, "th", facts, owner, context, strict));
    }

    private String render(String key, String lang, Map<String, Object> facts, String owner, String context,
                          boolean strict) {
        Template t = byLang.get(lang).get(key);
        if (t == null) {
            if (strict) {
                throw new TextProblem(new RuleError(FOLDER, 0, context + " reports " + key + ", which has no "
                        + lang + " template: add " + key + " = … to " + FOLDER + "*." + lang + ".properties"));
            }
            return key;
        }
        Map<String, Object> args = new HashMap<>();
        for (String name : t.arguments()) {
            args.put(name, argument(t, name, facts, owner, context, strict));
        }
        try {
            return ((MessageFormat) t.format().clone()).format(args);
        } catch (IllegalArgumentException e) {
            TextProblem p = new TextProblem(new RuleError(t.file(), t.line(), "the template " + key
                    + " cannot be filled from what " + context + " reports: " + e.getMessage()));
            if (strict) {
                throw p;
            }
            throw new RuleSetDefect(p.error().toString());
        }
    }

    private Object argument(Template t, String name, Map<String, Object> facts, String owner, String context,
                            boolean strict) {
        if (facts.containsKey(name)) {
            return shown(t, name, facts.get(name), owner, context, strict);
        }
        int cut = name.lastIndexOf('_');
        if (cut > 0 && facts.containsKey(name.substring(0, cut))) {
            Object v = facts.get(name.substring(0, cut));
            String companion = name.substring(cut + 1);
            switch (companion) {
                case "count":
                    if (v instanceof Collection<?> c) {
                        return c.size();
                    }
                    break;
                case "be":
                    if (missing(v)) {
                        return word(MISSING, t.lang());
                    }
                    if (v instanceof Number n) {
                        return String.valueOf(n.longValue() + 543);
                    }
                    break;
                case "given":
                    return String.valueOf(!missing(v));
                default:
                    if (kinds.contains(companion)) {
                        return names(companion, v, t.lang());
                    }
            }
        }
        if (strict) {
            throw new TextProblem(new RuleError(t.file(), t.line(), "the template " + t.key() + " names {" + name
                    + "}, which " + context + " does not report (it reports " + new TreeSet<>(facts.keySet()) + ")"));
        }
        return word(MISSING, t.lang());
    }

    /** A fact as a template shows it: a missing value by its word, a year without separators, a list as a list. */
    private Object shown(Template t, String name, Object v, String owner, String context, boolean strict) {
        if (missing(v)) {
            return word(MISSING, t.lang());
        }
        if (v instanceof Number n && name.endsWith("Year")) {
            return String.valueOf(n.longValue());
        }
        if (v instanceof Number) {
            return v;
        }
        if (v instanceof Collection<?> items) {
            if (items.isEmpty()) {
                return word(NONE, t.lang());
            }
            List<String> shown = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> facts = (Map<String, Object>) m;
                    shown.add(render(owner + ".item." + name, t.lang(), facts, owner, context, strict));
                } else {
                    shown.add(missing(item) ? word(MISSING, t.lang()) : String.valueOf(item));
                }
            }
            return list(shown, t.lang());
        }
        return String.valueOf(v);
    }

    private String names(String kind, Object v, String lang) {
        if (missing(v)) {
            return word(MISSING, lang);
        }
        if (v instanceof Collection<?> codes) {
            if (codes.isEmpty()) {
                return word(NONE, lang);
            }
            return list(codes.stream().map(c -> label(kind, String.valueOf(c), lang)).toList(), lang);
        }
        return label(kind, String.valueOf(v), lang);
    }

    private String label(String kind, String code, String lang) {
        Template t = byLang.get(lang).get(kind + "." + code);
        if (t == null) {
            return code;
        }
        // a report names thousands of codes: each label is formatted once
        return labels.computeIfAbsent(lang + ":" + t.key(), k -> ((MessageFormat) t.format().clone()).format(Map.of()));
    }

    private String word(String key, String lang) {
        Template t = byLang.get(lang).get(key);
        return t == null ? "-" : t.text();
    }

    private static String list(List<String> items, String lang) {
        return ListFormatter.getInstance(new ULocale(lang)).format(items);
    }

    /** A fact the rule did not have: null, or "none" as the rules write it into facts. */
    static boolean missing(Object v) {
        return v == null || "none".equals(v);
    }

    /** A template that a finding or refusal cannot fill, found while the rule tests run: names the template's line. */
    public static final class TextProblem extends RuntimeException {
        private final RuleError error;

        TextProblem(RuleError error) {
            super(error.toString(), null, false, false);
            this.error = error;
        }

        public RuleError error() {
            return error;
        }
    }
}
