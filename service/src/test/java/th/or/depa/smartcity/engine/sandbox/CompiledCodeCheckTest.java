package th.or.depa.smartcity.engine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.support.TestRules;

/**
 * The bytecode check on its own: rule code is compiled by the executable model with nothing else in the way (no
 * text check, no filtering class loader), and the check must refuse what it reaches, however it was written.
 */
class CompiledCodeCheckTest {

    private static final AtomicInteger BUILDS = new AtomicInteger();

    /** The classes the executable model compiles from these DRL files. */
    static Map<String, byte[]> compile(Map<String, String> drl) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("test", "check", "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(rid);
        drl.forEach((path, text) -> kfs.write("src/main/resources/smartcity/criteria/" + path.replace('/', '_'),
                text.getBytes(StandardCharsets.UTF_8)));
        KieBuilder kb = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        assertEquals(List.of(), kb.getResults().getMessages(Message.Level.ERROR), "compiles");
        try {
            return ((CanonicalKieModule) kb.getKieModule(ExecutableModelProject.class)).getClassesMap();
        } finally {
            ks.getRepository().removeKieModule(rid);
        }
    }

    static String rule(String then) {
        return "package smartcity.criteria;\nimport th.or.depa.smartcity.facts.*;\nimport java.util.*;\n"
                + "rule \"r\"\nwhen\n    $p : Plan()\nthen\n    " + then + "\nend\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "java.lang.Thread.currentThread  | insert(new Outcome(Thread.currentThread().getName()));",
        "getClass                        | insert(new Outcome($p.getClass().getName()));",
        "java.util.Locale.setDefault     | Locale.setDefault(Locale.FRANCE);",
        "java.lang.Integer.getInteger    | insert(new Outcome(String.valueOf(Integer.getInteger(\"user.home\"))));",
        "wait                            | String s = \"x\"; synchronized (s) { try { s.wait(1); } catch (Exception e) { } }",
        "java.util.Random                | insert(new Outcome(String.valueOf(new Random().nextInt())));",
        "java.lang.System.getProperty    | insert(new Outcome(System.getProperty(\"user.home\")));",
        "java.lang.Runtime               | Runtime.getRuntime().gc();",
        "java.util.concurrent.Executors  | java.util.concurrent.Executors.newCachedThreadPool();",
        
    })
    void compiledCodeThatReachesOutsideTheAllowListIsRefused(String reaches, String then) {
        List<CompiledCodeCheck.Violation> found = CompiledCodeCheck.check(compile(Map.of("x.drl", rule(then))));
        assertTrue(found.stream().anyMatch(v -> v.reference().contains(reaches.strip())),
                "expected a refusal of " + reaches + " but got " + found);
    }

    @Test
    void theBundledRulesReachNothingOutsideTheAllowList() {
        Map<String, String> drl = new java.util.TreeMap<>();
        RuleFiles.readFolder(TestRules.BUNDLED).files().forEach((path, text) -> {
            if (path.endsWith(".drl") && !path.startsWith("workflow/")) {
                drl.put(path, text);
            }
        });
        assertEquals(List.of(), CompiledCodeCheck.check(compile(drl)));
    }

    @Test
    void legitimateRuleCodeIsAllowed() {
        String then = "List<String> l = new ArrayList<>(); l.add(String.valueOf(Math.max(1, 2)));"
                + " insert(new Outcome(String.join(\",\", l) + java.time.LocalDate.of(2026, 1, 1)"
                + " + new java.math.BigDecimal(\"1.5\").setScale(0, java.math.RoundingMode.HALF_UP)));";
        assertEquals(List.of(), CompiledCodeCheck.check(compile(Map.of("x.drl", rule(then)))));
    }
}
