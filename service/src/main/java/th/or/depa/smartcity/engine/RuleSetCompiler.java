package th.or.depa.smartcity.engine;

import th.or.depa.smartcity.engine.sandbox.RuleSandbox;
import th.or.depa.smartcity.engine.sandbox.SandboxClassLoader;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.model.Model;
import org.drools.modelcompiler.CanonicalKieModule;
import org.drools.modelcompiler.KieBaseBuilder;
import th.or.depa.smartcity.engine.sandbox.CompiledCodeCheck;
import th.or.depa.smartcity.facts.Parameter;

/**
 * Compiles a rule set's files (not the classpath) into its two KieBases (see {@link CompiledRuleSet}): every *.drl,
 * after the sandbox has read it, with a class loader that hides I/O, reflection and processes; plus
 * rules/parameters.csv. Every problem comes back as a
 * {@link RuleError} with file and line; nothing throws.
 */
public final class RuleSetCompiler {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final String RESOURCES = "src/main/resources/";

    private final KieServices ks = KieServices.Factory.get();
    private final RunLimits limits;
    private final CompiledRuleCache cache;

    public RuleSetCompiler() {
        this(RunLimits.DEFAULT);
    }

    public RuleSetCompiler(RunLimits limits) {
        this(limits, CompiledRuleCache.SHARED);
    }

    RuleSetCompiler(RunLimits limits, CompiledRuleCache cache) {
        this.limits = limits;
        this.cache = cache;
    }

    /** How many executable-model builds ran in this JVM (a cache hit runs none): what tests of the cache count. */
    static long builds() {
        return BUILDS.get();
    }

    public CompileResult compile(RuleFiles files) {
        List<RuleError> errors = new ArrayList<>();
        String paramsText = files.files().get(ParametersFile.PATH);
        if (paramsText == null) {
            errors.add(new RuleError(ParametersFile.PATH, 0, "the parameters file is missing"));
        }
        Map<String, Parameter> parameters = ParametersFile.parse(paramsText == null ? "" : paramsText, errors);

        Map<String, String> evaluationFiles = new java.util.TreeMap<>();
        Map<String, String> workflowFiles = new java.util.TreeMap<>();
        Map<String, String> renewalFiles = new java.util.TreeMap<>();
        split(files, evaluationFiles, workflowFiles, renewalFiles);
        // each KieBase's sources hashed once per compile: 400 KB of SHA-256 is felt in an interpreted start
        Map<String, String> keys = keys(evaluationFiles, workflowFiles, renewalFiles);
        if (evaluationFiles.isEmpty()) {
            errors.add(new RuleError("", 0, "the rule set has no rule file (*.drl) outside "
                    + CompiledRuleSet.WORKFLOW_FOLDER + " to judge plans"));
        }
        if (workflowFiles.isEmpty()) {
            errors.add(new RuleError("", 0, "the rule set has no workflow rules (" + CompiledRuleSet.WORKFLOW_FOLDER
                    + "*.drl)"));
        }
        // before building: Drools runs annotation values while it builds, so unchecked code must never reach it
        errors.addAll(staticCheck(files, compiledBefore(cache, keys)));
        if (!errors.isEmpty()) {
            return CompileResult.failed(errors);
        }

        ClassLoader sandbox = new SandboxClassLoader(RuleSetCompiler.class.getClassLoader());
        Map<String, String> kfsPathToFile = new HashMap<>();
        KieBase evaluationBase = build("e", keys.get("e"), evaluationFiles, sandbox, kfsPathToFile, errors);
        KieBase workflowBase = build("w", keys.get("w"), workflowFiles, sandbox, kfsPathToFile, errors);
        // renewal criteria are optional: a rule set written before renewals simply has none
        KieBase renewalBase = renewalFiles.isEmpty() ? null
                : build("r", keys.get("r"), renewalFiles, sandbox, kfsPathToFile, errors);
        if (!errors.isEmpty()) {
            return CompileResult.failed(errors);
        }
        return CompiledRuleSet.create(files, evaluationBase, workflowBase, renewalBase, parameters, kfsPathToFile,
                limits);
    }

    /** The sandbox's reading of the files as text (DRL parsed, never run): what it refuses before any build. */
    public static List<RuleError> staticCheck(RuleFiles files) {
        Map<String, String> evaluationFiles = new java.util.TreeMap<>();
        Map<String, String> workflowFiles = new java.util.TreeMap<>();
        Map<String, String> renewalFiles = new java.util.TreeMap<>();
        split(files, evaluationFiles, workflowFiles, renewalFiles);
        return staticCheck(files, compiledBefore(CompiledRuleCache.SHARED,
                keys(evaluationFiles, workflowFiles, renewalFiles)));
    }

    private static List<RuleError> staticCheck(RuleFiles files, boolean compiledBefore) {
        if (compiledBefore) {
            return decisionTables(files); // these very sources passed it (with this build) before they were compiled
        }
        List<RuleError> errors = new ArrayList<>();
        files.files().forEach((path, text) -> {
            if (path.endsWith(".drl") && !path.startsWith("tests/")) {
                errors.addAll(RuleSandbox.check(path, text));
            }
        });
        errors.addAll(decisionTables(files));
        return errors;
    }

    /** Whether the classes of every KieBase of these files are in the cache: only checked sources get there. */
    private static boolean compiledBefore(CompiledRuleCache cache, Map<String, String> keys) {
        return keys.containsKey("e") && keys.containsKey("w")
                && keys.values().stream().allMatch(key -> cache.get(key).isPresent());
    }

    /** The cache key of each KieBase these sources build ("e", "w", and "r" when there are renewal rules). */
    private static Map<String, String> keys(Map<String, String> evaluation, Map<String, String> workflow,
                                            Map<String, String> renewal) {
        Map<String, String> keys = new HashMap<>();
        if (!evaluation.isEmpty()) {
            keys.put("e", CompiledRuleCache.key("e", evaluation));
        }
        if (!workflow.isEmpty()) {
            keys.put("w", CompiledRuleCache.key("w", workflow));
        }
        if (!renewal.isEmpty()) {
            keys.put("r", CompiledRuleCache.key("r", renewal));
        }
        return keys;
    }

    /** The rule sources by the KieBase they build: workflow/, renewal/, and every other one (judging plans). */
    private static void split(RuleFiles files, Map<String, String> evaluation, Map<String, String> workflow,
                              Map<String, String> renewal) {
        files.files().forEach((path, text) -> {
            if (isRuleSource(path)) {
                (path.startsWith(CompiledRuleSet.WORKFLOW_FOLDER) ? workflow
                        : path.startsWith(CompiledRuleSet.RENEWAL_FOLDER) ? renewal : evaluation).put(path, text);
            }
        });
    }

    private static List<RuleError> decisionTables(RuleFiles files) {
        List<RuleError> errors = new ArrayList<>();
        files.files().keySet().stream().filter(RuleSetCompiler::isDecisionTable).forEach(path ->
                errors.add(new RuleError(path, 0, "decision tables are not enabled: thresholds live in "
                        + ParametersFile.PATH + " and rules in .drl files")));
        return errors;
    }

    /**
     * One KieBase of the given files; null, with the build's errors added, when they do not compile. Sources compiled
     * before (same files, same Drools, same build of this code) are loaded from {@link CompiledRuleCache}; whatever is
     * loaded, fresh or cached, passes the bytecode check first.
     */
    private KieBase build(String kind, String key, Map<String, String> sources, ClassLoader sandbox,
                          Map<String, String> kfsPathToFile, List<RuleError> errors) {
        Map<String, String> resources = new java.util.LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, String> f : sources.entrySet()) {
            // named by its place in this build alone, so that cached classes name the same resources
            String resource = resourcePath(f.getKey(), f.getValue(), kind + n++);
            resources.put(f.getKey(), resource);
            kfsPathToFile.put(resource, f.getKey());
            kfsPathToFile.put(RESOURCES + resource, f.getKey()); // build messages name the kfs path
            // executable-model rules carry no resource: their file is found by package and name
            PackageDescr parsed = parse(f.getValue());
            if (parsed != null) {
                parsed.getRules().forEach(r -> kfsPathToFile.put(ruleKey(parsed.getName(), r.getName()), f.getKey()));
            }
        }
        Map<String, byte[]> cached = cache.get(key).orElse(null);
        if (cached != null && CompiledCodeCheck.check(cached).isEmpty()) {
            return load(cached, sandbox, kfsPathToFile);
        }
        if (cached != null) {
            // a refused entry: the text check was skipped for it (staticCheck), so it runs before any build
            List<RuleError> refused = new ArrayList<>();
            sources.forEach((path, text) -> refused.addAll(RuleSandbox.check(path, text)));
            if (!refused.isEmpty()) {
                errors.addAll(refused);
                return null;
            }
        }
        Map<String, byte[]> classes = compile(sources, resources, sandbox, kfsPathToFile, errors);
        if (classes == null) {
            return null;
        }
        cache.put(key, classes);
        return load(classes, sandbox, kfsPathToFile);
    }

    /** The executable model's classes of these files, checked; null, with the errors added, when refused. */
    private Map<String, byte[]> compile(Map<String, String> sources, Map<String, String> resources,
                                        ClassLoader sandbox, Map<String, String> kfsPathToFile,
                                        List<RuleError> errors) {
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("th.or.depa.smartcity", "rules", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(rid);
        resources.forEach((file, resource) ->
                kfs.write(RESOURCES + resource, sources.get(file).getBytes(StandardCharsets.UTF_8)));
        // the executable model: every constraint and consequence becomes Java that the compiler resolves, so no MVEL
        // runs and the bytecode can be checked on what it reaches before anything of it is loaded
        KieBuilder kb;
        try {
            kb = ks.newKieBuilder(kfs, sandbox).buildAll(ExecutableModelProject.class);
        } catch (RuntimeException crashed) {
            // the executable model's code generator throws on some inputs instead of reporting them
            errors.addAll(crashes(sources, sandbox));
            return null;
        }
        try {
            List<RuleError> found = messages(kb.getResults().getMessages(Message.Level.ERROR), kfsPathToFile, sources);
            if (!found.isEmpty()) {
                errors.addAll(found);
                return null;
            }
            if (!(kb.getKieModule(ExecutableModelProject.class) instanceof CanonicalKieModule module)) {
                errors.add(new RuleError("", 0, "the rules were not compiled to checkable code, so they are refused"));
                return null;
            }
            found = refusedCode(module.getClassesMap(), sources);
            if (!found.isEmpty()) {
                errors.addAll(found);
                return null;
            }
            return module.getClassesMap();
        } finally {
            // only the classes are kept; the module in the global KieRepository would only leak
            ks.getRepository().removeKieModule(rid);
        }
    }

    /** A KieBase of checked classes: each generated model defined by a loader of its own below the sandbox's. */
    private KieBase load(Map<String, byte[]> classes, ClassLoader sandbox, Map<String, String> kfsPathToFile) {
        CompiledClassLoader loader = new CompiledClassLoader(sandbox, classes);
        List<Model> models = new ArrayList<>();
        for (String name : CompiledClassLoader.models(classes)) {
            try {
                models.add((Model) loader.loadClass(name).getConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the compiled rule model " + name + " cannot be loaded", e);
            }
        }
        GeneratedSources.of(classes).forEach((cls, resource) ->
                kfsPathToFile.put(RuleBase.GENERATED + cls, kfsPathToFile.getOrDefault(resource, resource)));
        return KieBaseBuilder.createKieBaseFromModel(models, ks.newKieBaseConfiguration(null, loader));
    }

    /** After a build threw: each file that throws when built alone, or the whole set when none does alone. */
    private List<RuleError> crashes(Map<String, String> sources, ClassLoader sandbox) {
        List<RuleError> out = new ArrayList<>();
        for (Map.Entry<String, String> f : sources.entrySet()) {
            KieFileSystem kfs = ks.newKieFileSystem();
            ReleaseId rid = ks.newReleaseId("th.or.depa.smartcity", "rules-alone", "1.0." + BUILDS.incrementAndGet());
            kfs.generateAndWritePomXML(rid);
            kfs.write(RESOURCES + resourcePath(f.getKey(), f.getValue(), "a0"), f.getValue().getBytes(StandardCharsets.UTF_8));
            try {
                ks.newKieBuilder(kfs, sandbox).buildAll(ExecutableModelProject.class);
            } catch (RuntimeException e) {
                out.add(new RuleError(f.getKey(), 0, "the rule compiler cannot read this file ("
                        + e.getClass().getSimpleName() + "): write constraints as plain Java expressions on fields"));
            } finally {
                ks.getRepository().removeKieModule(rid);
            }
        }
        if (out.isEmpty()) {
            out.add(new RuleError("", 0, "the rule compiler failed on these files together"));
        }
        return out;
    }

    /** What the compiled classes reach that rules may not, each named in the file that most likely wrote it. */
    private static List<RuleError> refusedCode(Map<String, byte[]> classes, Map<String, String> sources) {
        List<RuleError> out = new ArrayList<>();
        for (CompiledCodeCheck.Violation v : CompiledCodeCheck.check(classes)) {
            out.add(Culprit.locate(sources, v));
        }
        return out;
    }

    private static final Pattern EXPRESSION = Pattern.compile("(?i)expression:?\\s+(.+)");

    /** The executable model names the expression it could not compile, not its line: find it in the file. */
    private static int lineOfExpression(String source, String message) {
        Matcher m = EXPRESSION.matcher(message == null ? "" : message);
        if (source == null || !m.find()) {
            return 0;
        }
        String expression = m.group(1).strip();
        for (int cut = expression.length(); cut >= 4; cut = cut * 2 / 3) {
            int at = source.indexOf(expression.substring(0, cut));
            if (at >= 0) {
                return Culprit.lineOf(source, at);
            }
        }
        return 0;
    }

    static String ruleKey(String pkg, String rule) {
        return "rule " + pkg + " " + rule;
    }

    private static PackageDescr parse(String drl) {
        try {
            return new DrlParser().parse(false, drl);
        } catch (Exception e) {
            return null; // the build reports what does not parse
        }
    }

    public static boolean isRuleSource(String path) {
        return !path.startsWith("tests/") && path.endsWith(".drl");
    }

    static boolean isDecisionTable(String path) {
        return path.endsWith(".drl.csv") || path.endsWith(".drl.xlsx") || path.endsWith(".drl.xls");
    }

    /** Places a DRL where its package says, which keeps KieBuilder from warning about the folder. */
    private static String resourcePath(String rel, String content, String n) {
        String folder = "rules";
        if (rel.endsWith(".drl")) {
            Matcher m = PACKAGE.matcher(content);
            if (m.find()) {
                folder = m.group(1).replace('.', '/');
            }
        }
        String name = rel.substring(rel.lastIndexOf('/') + 1);
        return folder + "/" + n + "_" + name;
    }

    private static List<RuleError> messages(List<Message> messages, Map<String, String> kfsPathToFile,
                                            Map<String, String> sources) {
        List<RuleError> out = new ArrayList<>();
        for (Message m : messages) {
            String file = kfsPathToFile.getOrDefault(m.getPath(), m.getPath() == null ? "" : m.getPath());
            String text = m.getText() == null ? "" : m.getText().strip();
            int line = Math.max(0, m.getLine());
            if (!sources.containsKey(file)) {
                if (text.startsWith("Java source of")) {
                    continue; // the generated class in full: nothing a reviewer wrote, and the error before says why
                }
                // an error in Java the executable model generated: name the rule file line that wrote the culprit
                RuleError at = Culprit.inSources(sources, text);
                file = at.file();
                line = at.line();
            } else if (line == 0) {
                line = lineOfExpression(sources.get(file), text);
            }
            // the line the reviewer wrote wrong and plain words, where Drools points at the next word it cannot place
            out.add(CompileMessages.explain(new RuleError(file, line, text), sources.get(file)));
        }
        // a syntax error also yields "Parser returned a null Package" at line 0: keep only the useful one
        out.removeIf(e -> e.line() == 0 && e.message().contains("null Package")
                && out.stream().anyMatch(o -> o.file().equals(e.file()) && o.line() > 0));
        return out;
    }
}
