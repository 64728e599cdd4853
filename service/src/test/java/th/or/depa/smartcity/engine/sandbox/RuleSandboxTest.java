package th.or.depa.smartcity.engine.sandbox;

import th.or.depa.smartcity.engine.ParametersFile;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieSession;
import th.or.depa.smartcity.evaluation.PlanFacts;
import th.or.depa.smartcity.facts.Finding;
import th.or.depa.smartcity.facts.Outcome;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;

/** The static allow-list for rule files, and the filtering class loader behind it. */
class RuleSandboxTest {

    private static final Path RULES = Path.of("../rules");

    /** Line 12 holds the when part, line 14 the first line of the then part. */
    private static String rule(String when, String then) {
        return """
                package smartcity.criteria;

                import th.or.depa.smartcity.facts.*;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.Map;
                import java.util.Locale;

                rule "under test"
                    @criterion("SC-99")
                when
                    %s
                then
                    %s
                end
                """.formatted(when, then);
    }

    private static String then(String then) {
        return rule("$p : Plan()", then);
    }

    private static String when(String when) {
        return rule(when, "insert(new Outcome(\"PASS\"));");
    }

    private static List<RuleError> check(String drl) {
        return RuleSandbox.check("criteria/under-test.drl", drl);
    }

    /** The file is refused with an error on that line whose message names the offending word. */
    private static void refusedAt(int line, String word, String drl) {
        List<RuleError> errors = check(drl);
        assertTrue(errors.stream().anyMatch(e -> e.line() == line && e.message().contains(word)
                        && e.file().equals("criteria/under-test.drl")),
                "expected a refusal naming " + word + " on line " + line + " but got " + errors + "\n" + drl);
    }

    private static void allowed(String drl) {
        assertEquals(List.of(), check(drl), drl);
    }

    private static Map<String, String> realRuleFiles() {
        try (Stream<Path> walk = Files.walk(RULES)) {
            Map<String, String> files = new TreeMap<>();
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = RULES.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && rel.endsWith(".drl") && !RuleFiles.ignored(rel)) {
                    files.put(rel, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class TheBundledRules {

        @TestFactory
        Stream<DynamicTest> everyRuleFileInTheRulesFolderPassesTheSandbox() {
            Map<String, String> files = realRuleFiles();
            assertFalse(files.isEmpty(), "no rule file found under " + RULES.toAbsolutePath());
            return files.entrySet().stream().map(f -> DynamicTest.dynamicTest(f.getKey(),
                    () -> assertEquals(List.of(), RuleSandbox.check(f.getKey(), f.getValue()))));
        }

        @Test
        void aSyntaxErrorIsLeftToTheCompiler() {
            assertEquals(List.of(), check("package smartcity.criteria;\nrule \"broken\"\nwhen\n  Plan( \nthen\nend\n"));
        }

        @Test
        void nullOrEmptyTextIsNotAnError() {
            assertEquals(List.of(), RuleSandbox.check("x.drl", null));
            assertEquals(List.of(), RuleSandbox.check("x.drl", ""));
        }
    }

    @Nested
    class ConsequencesThatReachOutsideTheAllowList {

        @Test
        void aFullyQualifiedFileWriteIsRefused() {
            refusedAt(14, "java.nio.file.Files",
                    then("java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), \"x\");"));
        }

        @Test
        void fullyQualifiedSystemExitIsRefused() {
            refusedAt(14, "java.lang.System", then("java.lang.System.exit(0);"));
        }

        @Test
        void systemExitIsRefused() {
            refusedAt(14, "\"System\" is not allowed in rules: " + CompiledCodeCheck.ALLOWED, then("System.exit(0);"));
        }

        @Test
        void systemGetenvAndGetPropertyAreRefused() {
            refusedAt(14, "System", then("String home = System.getenv(\"HOME\");"));
            refusedAt(14, "System", then("String home = System.getProperty(\"user.home\");"));
        }

        @Test
        void runtimeExecIsRefused() {
            refusedAt(14, "Runtime", then("Runtime.getRuntime().exec(\"rm -rf /\");"));
        }

        @Test
        void newProcessBuilderIsRefused() {
            refusedAt(14, "ProcessBuilder", then("new ProcessBuilder(\"ls\").start();"));
        }

        @Test
        void newThreadIsRefused() {
            refusedAt(14, "Thread", then("new Thread(() -> { }).start();"));
        }

        @Test
        void classForNameIsRefused() {
            refusedAt(14, "forName", then("Object c = Class.forName(\"java.lang.Runtime\");"));
        }

        @Test
        void getClassGetClassLoaderIsRefused() {
            refusedAt(14, "getClass", then("Object l = $p.getClass().getClassLoader();"));
            refusedAt(14, "getClassLoader", then("Object l = $p.getClass().getClassLoader();"));
        }

        @Test
        void aClassLiteralIsRefused() {
            refusedAt(14, "\"class\"", then("Object c = Plan.class;"));
        }

        @Test
        void aUnicodeEscapedSystemIsRefused() {
            refusedAt(14, "\"System\"", then("\\u0053ystem.exit(0);"));
            refusedAt(14, "\"System\"", then("\\uuu0053\\u0079stem.exit(0);"));
        }

        @Test
        void aUnicodeLineBreakEndingACommentIsRead() {
            refusedAt(14, "\"System\"", then("// harmless \\u000a System.exit(0);"));
        }

        @Test
        void codeOnALaterLineOfTheThenPartIsReportedOnItsLine() {
            refusedAt(16, "\"System\"", then("int a = 1;\n    int b = 2;\n    System.exit(a + b);"));
        }

        @Test
        void theEngineItselfIsRefused() {
            refusedAt(14, "\"drools\"", then("drools.getKieRuntime().halt();"));
            refusedAt(14, "\"kcontext\"", then("kcontext.getKieRuntime().dispose();"));
        }

        @Test
        void scriptEnginesAreRefused() {
            refusedAt(14, "javax.script.ScriptEngineManager",
                    then("Object e = new javax.script.ScriptEngineManager().getEngineByName(\"js\");"));
        }

        @Test
        void reflectionIsRefused() {
            refusedAt(14, "java.lang.reflect.Method", then("java.lang.reflect.Method m = null;"));
        }

        @Test
        void aLambdaThatCallsSystemIsRefused() {
            refusedAt(14, "System", then("Runnable r = () -> System.exit(1); r.run();"));
            refusedAt(14, "System", then("List.of(1).forEach(x -> System.exit(x));"));
        }

        @Test
        void newOfAForbiddenTypeIsRefused() {
            refusedAt(14, "java.io.File", then("Object f = new java.io.File(\"/etc/passwd\");"));
            refusedAt(14, "ResourceBundle", then("Object b = java.util.ResourceBundle.getBundle(\"x\");"));
        }

        @Test
        void otherPackagesOfTheServiceAndTheEngineAreRefused() {
            refusedAt(14, "th.or.depa.smartcity.engine.RuleFiles",
                    then("th.or.depa.smartcity.engine.RuleFiles.readFolder(null);"));
            refusedAt(14, "org.drools.util.IoUtils", then("org.drools.util.IoUtils.readBytesFromInputStream(null);"));
            refusedAt(14, "java.util.concurrent.Executors",
                    then("java.util.concurrent.Executors.newSingleThreadExecutor();"));
        }

        @Test
        void aFileInAnotherPackageCannotUseItsClassesBySimpleName() {
            String drl = then("RuleFiles.readFolder(null);").replace("package smartcity.criteria;",
                    "package th.or.depa.smartcity.engine;");
            refusedAt(14, "RuleFiles", drl);
        }

        @Test
        void jvmWideSettingsAreRefused() {
            refusedAt(14, "setDefault", then("Locale.setDefault(Locale.FRANCE);"));
            refusedAt(14, "getBoolean", then("boolean b = Boolean.getBoolean(\"x\");"));
        }

        @Test
        void callsWithoutAnObjectOtherThanInsertAreRefused() {
            refusedAt(14, "\"halt", then("halt();"));
            refusedAt(14, "\"shed(...)\"", then("shed($p, Plan.class);"));
        }

        @Test
        void declaringAClassIsRefused() {
            refusedAt(14, "declaring a class", then("Object o = new Object() { public String toString() { return \"\"; } };"));
        }

        @Test
        void aThenPartThatClosesItsMethodIsRefused() {
            refusedAt(14, "braces", then("} static { int x = 1; } void f() {"));
        }

        @Test
        void theEngineUnderOtherNamesIsRefused() {
            refusedAt(14, "\"consequenceCtx\"", then("consequenceCtx.halt();"));
            refusedAt(14, "\"KnowledgeHelper\"", then("Object h = (KnowledgeHelper) null;"));
            refusedAt(14, "\"$p__Handle__\"", then("Object h = $p__Handle__;"));
        }

        @Test
        void textBlocksAreRefused() {
            refusedAt(14, "text blocks", then("String s = \"\"\"\n  hi\"\"\";"));
        }

        @Test
        void namedConsequencesAreCheckedToo() {
            String drl = """
                    package smartcity.criteria;
                    import th.or.depa.smartcity.facts.*;
                    rule "named"
                    when
                        $p : Plan()
                        do[other]
                    then
                        insert(new Outcome("PASS"));
                    then[other]
                        System.exit(1);
                    end
                    """;
            refusedAt(10, "System", drl);
        }
    }

    @Nested
    class ConditionsThatReachOutsideTheAllowList {

        @Test
        void mvelClassLiteralsWrittenAsParenthesisedTypesAreRefused() {
            refusedAt(12, "(String).", when("Parameter( (String).getName() != null )"));
            refusedAt(12, "(Parameter).", when("Parameter( (Parameter).getRecordComponents()[0] != null )"));
            refusedAt(12, "java.lang.String", when("Parameter( ( java.lang.String ) . getName() != null )"));
        }

        @Test
        void getClassInAConstraintIsRefused() {
            refusedAt(12, "getClass", when("$p : Plan( this.getClass().getClassLoader() != null )"));
        }

        @Test
        void classPropertiesInAConstraintAreRefused() {
            refusedAt(12, "classLoader", when("$p : Plan( class.classLoader != null )"));
        }

        @Test
        void aForbiddenCallInAFromIsRefused() {
            refusedAt(12, "System", when("$v : List() from System.getenv().values()"));
            refusedAt(12, "java.nio.file.Files",
                    when("$l : List() from java.nio.file.Files.readAllLines(java.nio.file.Path.of(\"/etc/passwd\"))"));
        }

        @Test
        void aConstraintOnALaterLineIsReportedOnItsLine() {
            refusedAt(13, "System", when("$p : Plan( kind != null,\n        kind == System.getenv(\"X\") )"));
        }

        @Test
        void evalIsRefused() {
            refusedAt(13, "eval(...)", when("$p : Plan()\n    eval( $p.kind() != null )"));
        }

        @Test
        void accumulateWithInlineCodeIsRefused() {
            refusedAt(12, "accumulate with init/action/reverse/result code", when(
                    "$n : Number() from accumulate( Service( $b : budget ), init( double t = 0; ), action( t += $b; ),"
                            + " reverse( t -= $b; ), result( t ) )"));
        }

        @Test
        void aForbiddenArgumentOfABuiltInAccumulateFunctionIsRefused() {
            refusedAt(12, "System",
                    when("$n : Number() from accumulate( Service( $b : budget ), sum( System.nanoTime() ) )"));
        }

        @Test
        void codeHiddenAsQuotedTextForOneLanguageAndCommentForTheOtherIsRefused() {
            // accumulate arguments are compiled as Java: "//" starts a comment there, while MVEL reads a text
            refusedAt(13, "java.lang.System", when("$n : Number() from accumulate( Service( $b : budget ), sum( 1 // \"\n"
                    + "        + java.lang.System.nanoTime() + \"\".length() ) )"));
        }

        @Test
        void aForbiddenExpressionInAnAttributeIsRefused() {
            String drl = when("$p : Plan()").replace("    @criterion(\"SC-99\")\n",
                    "    @criterion(\"SC-99\")\n    salience ( System.identityHashCode($p) )\n");
            refusedAt(11, "System", drl);
        }

        @Test
        void anAnnotationValueThatIsCodeIsRefused() {
            // Drools evaluates annotation values with MVEL while it builds the rule
            String drl = when("$p : Plan()").replace("@criterion(\"SC-99\")",
                    "@criterion(java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), \"x\"))");
            refusedAt(10, "@criterion", drl);
        }

        @Test
        void forbiddenCodeInsideNotExistsAndCollectIsRefused() {
            refusedAt(12, "System", when("not Plan( kind == System.lineSeparator() )"));
            refusedAt(12, "System", when("exists Plan( kind == System.lineSeparator() )"));
            refusedAt(12, "System",
                    when("$l : List() from collect( Service( name == System.lineSeparator() ) )"));
        }

        @Test
        void aPatternOfAForbiddenTypeIsRefused() {
            refusedAt(12, "java.io.File", when("$f : java.io.File()"));
        }
    }

    @Nested
    class FileLevelDeclarations {

        @Test
        void mvelDialectAtPackageLevelIsRefused() {
            String drl = then("insert(new Outcome(\"PASS\"));")
                    .replace("package smartcity.criteria;\n", "package smartcity.criteria;\ndialect \"mvel\"\n");
            refusedAt(2, "dialect \"mvel\"", drl);
        }

        @Test
        void mvelDialectAtRuleLevelIsRefused() {
            String drl = then("insert(new Outcome(\"PASS\"));")
                    .replace("    @criterion(\"SC-99\")\n", "    @criterion(\"SC-99\")\n    dialect \"mvel\"\n");
            refusedAt(11, "dialect \"mvel\"", drl);
        }

        @Test
        void aFunctionIsRefused() {
            refusedAt(9, "function \"home\"", then("insert(new Outcome(\"PASS\"));").replace("rule \"under test\"",
                    "function String home() { return \"x\"; }\nrule \"under test\""));
        }

        @Test
        void aGlobalIsRefused() {
            refusedAt(9, "global \"out\"", then("insert(new Outcome(\"PASS\"));").replace("rule \"under test\"",
                    "global java.util.List out;\nrule \"under test\""));
        }

        @Test
        void declareIsRefused() {
            refusedAt(9, "declare \"Evil\"", then("insert(new Outcome(\"PASS\"));").replace("rule \"under test\"",
                    "declare Evil\n    name : String\nend\nrule \"under test\""));
        }

        @Test
        void importOfJavaIoIsRefused() {
            refusedAt(8, "import \"java.io.File\"", then("insert(new Outcome(\"PASS\"));")
                    .replace("import java.util.Locale;\n", "import java.util.Locale;\nimport java.io.File;\n"));
        }

        @Test
        void importOfAnotherPackageOfTheServiceIsRefused() {
            refusedAt(8, "th.or.depa.smartcity.engine.*", then("insert(new Outcome(\"PASS\"));")
                    .replace("import java.util.Locale;\n", "import java.util.Locale;\nimport th.or.depa.smartcity.engine.*;\n"));
        }

        @Test
        void importStaticAndImportFunctionAreRefused() {
            refusedAt(8, "import static / import function", then("insert(new Outcome(\"PASS\"));")
                    .replace("import java.util.Locale;\n", "import java.util.Locale;\nimport static java.lang.Math.abs;\n"));
            refusedAt(8, "import static / import function", then("insert(new Outcome(\"PASS\"));")
                    .replace("import java.util.Locale;\n", "import java.util.Locale;\nimport function java.lang.Math.abs;\n"));
        }

        @Test
        void importOfAForbiddenJavaLangClassIsRefused() {
            refusedAt(8, "java.lang.System", then("insert(new Outcome(\"PASS\"));")
                    .replace("import java.util.Locale;\n", "import java.util.Locale;\nimport java.lang.System;\n"));
        }

        @Test
        void everyViolationIsReportedWithTheFile() {
            List<RuleError> errors = RuleSandbox.check("workflow/evil.drl", then("System.exit(0);\n    Runtime.getRuntime();"));
            assertEquals(List.of("workflow/evil.drl:14", "workflow/evil.drl:15"),
                    errors.stream().map(e -> e.file() + ":" + e.line()).distinct().toList());
        }
    }

    @Nested
    class LegitimateRules {

        @Test
        void formattingAndArithmeticAreAllowed() {
            allowed(then("String a = String.format(Locale.ROOT, \"%,.0f\", 1234.5) + Math.abs(-1) + Math.round(2.5);\n"
                    + "    String b = String.join(\", \", List.of(\"a\", \"b\"));\n"
                    + "    insert(Finding.met(\"SC-99\", a + b, Map.of(\"a\", 1)));"));
        }

        @Test
        void collectionsAreAllowed() {
            allowed(then("List<String> l = new ArrayList<>(List.of(\"x\"));\n"
                    + "    Map<String, Object> m = Map.of(\"n\", l.size());\n"
                    + "    java.util.Set<String> s = new java.util.TreeSet<>(l);\n"
                    + "    for (String x : s) { l.add(x.toUpperCase()); }"));
        }

        @Test
        void enumsAndFactHelpersAreAllowed() {
            allowed(rule("$f : Finding( status == Status.NOT_MET, !Text.isBlank(variant) )",
                    "int n = Text.visibleLength($f.variant());\n    Status s = Status.MET;\n"
                            + "    insert(Criterion.mandatory(\"SC-99\", \"t\", \"t\"));"));
        }

        @Test
        void accumulatesWithBuiltInFunctionsAreAllowed() {
            allowed(rule("$p : Plan()\n"
                            + "    $n : Number( intValue > 0 ) from accumulate( Service(), count(1) )\n"
                            + "    $s : Number() from accumulate( Funding( amount != null, $a : amount ), sum($a) )\n"
                            + "    $l : List( size >= 0 ) from accumulate( $k : Kpi(), collectList($k) )\n"
                            + "    $d : java.util.Set() from accumulate( $x : String() from $p.digital, collectSet($x) )\n"
                            + "    $c : List() from collect( Domain( services > 0 ) )",
                    "insert(new Outcome(\"PASS\"));"));
        }

        @Test
        void javaUtilImportsAndJavaTimeAreAllowed() {
            allowed(then("java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1).plusYears(2);\n"
                    + "    java.math.BigDecimal x = java.math.BigDecimal.valueOf(1.5).setScale(0, java.math.RoundingMode.HALF_UP);")
                    .replace("import java.util.Locale;\n", "import java.util.Locale;\nimport java.util.*;\nimport java.time.LocalDate;\n"));
        }

        @Test
        void lambdasStreamsAndInsertLogicalAreAllowed() {
            allowed(then("List<String> l = new ArrayList<>($p.digital());\n"
                    + "    l.removeIf(x -> x.isBlank());\n"
                    + "    String s = l.stream().map(String::toUpperCase).sorted().collect(java.util.stream.Collectors.joining(\", \"));\n"
                    + "    insertLogical(new Outcome(s));"));
        }

        @Test
        void forbiddenWordsInsideQuotedTextAndCommentsAreFine() {
            allowed(then("// System.exit would be refused here, but this is a comment\n"
                    + "    insert(new Outcome(\"System.exit(0) and java.io.File are only words here\"));"));
        }

        @Test
        void queriesExistsNotAndSalienceAreAllowed() {
            allowed("""
                    package smartcity.outcome;
                    import th.or.depa.smartcity.facts.*;

                    query "findings"
                        $f : Finding()
                    end

                    rule "fails"
                        salience -1000
                    when
                        exists Finding( status == Status.NOT_MET )
                        not Outcome()
                        Request( action == "SUBMIT" || action == "REVISE" )
                    then
                        insert(new Outcome("FAIL"));
                    end
                    """);
        }
    }

    @Nested
    class TheClassLoader {

        private static final AtomicLong BUILDS = new AtomicLong();
        private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

        private final KieServices ks = KieServices.Factory.get();
        private final ClassLoader app = RuleSandboxTest.class.getClassLoader();

        /** Builds DRL files (by name) with a class loader; returns the KieBase, or the error messages. */
        private Object build(Map<String, String> drls, ClassLoader loader) {
            KieFileSystem kfs = ks.newKieFileSystem();
            ReleaseId rid = ks.newReleaseId("th.or.depa.smartcity", "sandbox-test", "1.0." + BUILDS.incrementAndGet());
            kfs.generateAndWritePomXML(rid);
            int n = 0;
            for (Map.Entry<String, String> f : drls.entrySet()) {
                Matcher m = PACKAGE.matcher(f.getValue());
                String folder = m.find() ? m.group(1).replace('.', '/') : "rules";
                String name = f.getKey().substring(f.getKey().lastIndexOf('/') + 1);
                kfs.write("src/main/resources/" + folder + "/f" + n++ + "_" + name,
                        f.getValue().getBytes(StandardCharsets.UTF_8));
            }
            KieBuilder kb = ks.newKieBuilder(kfs, loader).buildAll();
            List<Message> errors = kb.getResults().getMessages(Message.Level.ERROR);
            try {
                if (!errors.isEmpty()) {
                    return errors.stream().map(Message::getText).collect(Collectors.joining("\n"));
                }
                return ks.newKieContainer(rid, loader).getKieBase();
            } finally {
                ks.getRepository().removeKieModule(rid);
            }
        }

        /** Runs the bundled passing LIVABLE plan through a KieBase: criterion id to status, and the outcome. */
        private Map<String, String> evaluate(KieBase kieBase) throws IOException {
            PlanReader reader = new PlanReader(new ObjectMapper(), Provinces.load());
            var plan = reader.read(Files.readAllBytes(RULES.resolve("tests/plans/livable-pass.json")));
            List<RuleError> unreadable = new ArrayList<>();
            Map<String, Parameter> params = ParametersFile.parse(
                    Files.readString(RULES.resolve(ParametersFile.PATH), StandardCharsets.UTF_8), unreadable);
            assertEquals(List.of(), unreadable);
            KieSession session = kieBase.newKieSession();
            try {
                PlanFacts.of(plan).forEach(session::insert);
                params.values().forEach(session::insert);
                session.fireAllRules();
                Map<String, String> out = new TreeMap<>();
                for (Object o : session.getObjects()) {
                    if (o instanceof Finding f) {
                        out.put(f.criterion(), f.status().name());
                    } else if (o instanceof Outcome oc) {
                        out.put("outcome", oc.value());
                    }
                }
                return out;
            } finally {
                session.dispose();
            }
        }

        @Test
        void theRealRulesBuildAndGiveTheSameResultsWithTheSandboxLoader() throws Exception {
            Map<String, String> drls = realRuleFiles();
            Object plain = build(drls, app);
            assumeTrue(plain instanceof KieBase, () -> "the rules folder does not build even without the sandbox"
                    + " loader (someone's change in progress?): " + plain);
            Object sandboxed = build(drls, new SandboxClassLoader(app));
            assertTrue(sandboxed instanceof KieBase, () -> "with the sandbox loader: " + sandboxed);
            Map<String, String> expected = evaluate((KieBase) plain);
            assertEquals(16, expected.size(), expected.toString()); // fifteen criteria and the outcome
            assertEquals("PASS", expected.get("outcome"), expected.toString());
            assertEquals(expected, evaluate((KieBase) sandboxed));
        }

        @Test
        void aFileWriteInAConsequenceDoesNotCompile(@TempDir Path dir) throws Exception {
            Path marker = dir.resolve("marker.txt");
            String drl = rule("$o : Outcome()", "java.nio.file.Files.writeString(java.nio.file.Path.of(\""
                    + marker.toString().replace("\\", "\\\\") + "\"), \"x\");");
            Object result = build(Map.of("criteria/evil.drl", drl), new SandboxClassLoader(app));
            assertTrue(result instanceof String s && s.contains("java.nio"), () -> "built: " + result);
            assertFalse(Files.exists(marker));
        }

        @Test
        void systemExitAndTheClassLoaderDoNotCompile() {
            Object exit = build(Map.of("criteria/evil.drl", rule("$o : Outcome()", "System.exit(3);")),
                    new SandboxClassLoader(app));
            assertTrue(exit instanceof String s && s.contains("System"), () -> "built: " + exit);
            Object loader = build(Map.of("criteria/evil.drl",
                    rule("$o : Outcome()", "Object l = $o.getClass().getClassLoader();")), new SandboxClassLoader(app));
            assertTrue(loader instanceof String s && s.contains("ClassLoader"), () -> "built: " + loader);
        }

        @Test
        void methodHandlesCompileButCannotBeReachedWhenTheRuleRuns() {
            // ECJ must read MethodHandles' class file (see SandboxClassLoader); code naming it still cannot run
            String drl = rule("$o : Outcome( value == \"in\" )",
                    "Object l = java.lang.invoke.MethodHandles.lookup();\n    insert(new Outcome(\"reached \" + l));");
            Object kb = build(Map.of("criteria/evil.drl", drl), new SandboxClassLoader(app));
            if (kb instanceof KieBase base) {
                KieSession session = base.newKieSession();
                try {
                    session.insert(new Outcome("in"));
                    assertThrows(Throwable.class, session::fireAllRules);
                    assertTrue(session.getObjects().stream().noneMatch(o -> o.toString().contains("reached")));
                } finally {
                    session.dispose();
                }
            }
        }

        @Test
        void lambdasAndStringConcatenationStillCompileAndRun() {
            String drl = rule("$o : Outcome( value == \"in\" )",
                    "List<String> l = new ArrayList<>(List.of(\"b\", \"a\"));\n"
                            + "    l.sort((x, y) -> x.compareTo(y));\n"
                            + "    String s = l.stream().map(x -> x + \"!\").reduce(\"\", String::concat) + $o.value();\n"
                            + "    insert(new Outcome(s));");
            Object kb = build(Map.of("criteria/ok.drl", drl), new SandboxClassLoader(app));
            assertTrue(kb instanceof KieBase, () -> "not built: " + kb);
            KieSession session = ((KieBase) kb).newKieSession();
            try {
                session.insert(new Outcome("in"));
                session.fireAllRules();
                assertTrue(session.getObjects().stream().anyMatch(new Outcome("a!b!in")::equals),
                        session.getObjects().toString());
            } finally {
                session.dispose();
            }
        }

        @Test
        void deniedClassesAreNeitherLoadableNorVisibleAsResources() throws Exception {
            SandboxClassLoader loader = new SandboxClassLoader(app);
            for (String denied : List.of("java.lang.System", "java.lang.Runtime", "java.lang.ProcessBuilder",
                    "java.lang.ProcessBuilder$Redirect", "java.lang.Thread", "java.lang.ClassLoader", "java.io.File",
                    "java.nio.file.Files", "java.net.URL", "java.lang.reflect.Method", "java.lang.invoke.MethodHandles",
                    "javax.script.ScriptEngineManager", "sun.misc.Unsafe", "jdk.internal.misc.Unsafe")) {
                assertThrows(ClassNotFoundException.class, () -> loader.loadClass(denied), denied);
                assertThrows(ClassNotFoundException.class, () -> Class.forName(denied, false, loader), denied);
                if (denied.equals("java.lang.invoke.MethodHandles")) {
                    continue; // its class file stays readable for the compiler, see below
                }
                assertNull(loader.getResource(denied.replace('.', '/') + ".class"), denied);
                assertNull(loader.getResourceAsStream(denied.replace('.', '/') + ".class"), denied);
                assertFalse(loader.getResources(denied.replace('.', '/') + ".class").hasMoreElements(), denied);
            }
            assertThrows(ClassNotFoundException.class, () -> Class.forName("[Ljava.lang.System;", false, loader));
        }

        @Test
        void namesAreMatchedExactlyNotAsPrefixes() throws Exception {
            SandboxClassLoader loader = new SandboxClassLoader(app);
            for (String ok : List.of("java.lang.RuntimeException", "java.lang.String", "java.lang.Math",
                    "java.lang.ThreadDeath", "java.lang.StringBuilder",
                    "java.io.Serializable", "java.lang.invoke.LambdaMetafactory", "java.lang.invoke.StringConcatFactory",
                    "java.util.List", "java.time.LocalDate", "th.or.depa.smartcity.facts.Plan")) {
                assertNotNull(loader.loadClass(ok), ok);
                assertNotNull(loader.getResource(ok.replace('.', '/') + ".class"), ok);
            }
        }
    }
}
