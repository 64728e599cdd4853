package th.or.depa.smartcity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import th.or.depa.smartcity.evaluation.PlanFacts;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.support.TestRules;
import th.or.depa.smartcity.support.Api;

/**
 * Rules in force that run away: each run ends with an error within its limits, the runaway thread is stopped, and
 * the same rule set then judges the next plan as before.
 */
class BoundedRunsTest {

    private static final RunLimits LIMITS = new RunLimits(1_000, Duration.ofMillis(500), 64L * 1024 * 1024);

    private static CompiledRuleSet withRule(String name, String when, String then) {
        Map<String, String> files = new TreeMap<>(RuleFiles.readFolder(TestRules.BUNDLED).files());
        files.put("criteria/" + name + ".drl", "package smartcity.criteria;\n\nimport th.or.depa.smartcity.facts.*;\n"
                + "import java.math.BigInteger;\n\nrule \"" + name + "\"\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n");
        CompileResult r = new RuleSetCompiler(LIMITS).compile(new RuleFiles(files));
        assertTrue(r.isOk(), () -> r.errors().toString());
        return r.ruleSet();
    }

    private static List<Object> plan() {
        try {
            return List.copyOf(PlanFacts.of(new PlanReader(new ObjectMapper(), Provinces.load()).read(
                    Files.readAllBytes(Api.EXAMPLES.resolve("phuket-livable-pass.plan.json")))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RuleRunLimitExceeded runaway(CompiledRuleSet rules) {
        long start = System.nanoTime();
        RuleRunLimitExceeded e = assertThrows(RuleRunLimitExceeded.class,
                () -> rules.evaluate(plan(), rules.parameters()));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 5_000, "the run ended after " + ms + " ms");
        return e;
    }

    @Test
    void aLoopThatNeverEndsIsStoppedAtTheTimeLimitAndNamesItsRule() throws Exception {
        CompiledRuleSet rules = withRule("spins", "$p : Plan()", "long n = 0; while (n >= 0) { n = (n + 1) % 1000; }");
        RuleRunLimitExceeded e = runaway(rules);
        assertTrue(e.getMessage().contains("rules.runTimeout") && e.getMessage().contains("criteria/spins.drl"),
                e.getMessage());
        Thread.sleep(200);
        long spinning = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("rule-run-") && t.getState() == Thread.State.RUNNABLE).count();
        assertEquals(0, spinning, "the runaway thread was stopped");
    }

    @Test
    void aRuleThatRefiresItselfStopsAtTheFiringLimit() {
        RuleRunLimitExceeded e = runaway(withRule("refires", "$p : Plan()", "update($p);"));
        assertTrue(e.getMessage().contains("rules.maxFirings") && e.getMessage().contains("criteria/refires.drl"),
                e.getMessage());
    }

    @Test
    void unboundedAllocationStopsAtTheMemoryOrTimeLimit() {
        RuleRunLimitExceeded e = runaway(withRule("allocates", "$p : Plan()",
                "insert(new Outcome(BigInteger.TEN.pow(100000000).toString()));"));
        assertTrue(e.getMessage().contains("rules.maxAllocation") || e.getMessage().contains("rules.runTimeout"),
                e.getMessage());
    }

    @Test
    void withinTheLimitsTheBundledRulesJudgeAsBefore() {
        CompiledRuleSet rules = withRule("harmless", "$p : Plan( province == \"nowhere\" )", "update($p);");
        runaway(withRule("spins2", "$p : Plan()", "long n = 0; while (n >= 0) { n = (n + 1) % 1000; }"));
        RuleRun run = rules.evaluate(plan(), rules.parameters());
        assertTrue(run.fired().size() > 10, "the criteria still fire: " + run.fired());
    }
}
