package th.or.depa.smartcity.engine;

import th.or.depa.smartcity.ruleset.CheckResult;
import th.or.depa.smartcity.ruleset.RuleSetChecker;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.facts.Criterion;
import th.or.depa.smartcity.facts.Request;
import th.or.depa.smartcity.facts.Transition;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.support.TestRules;
import th.or.depa.smartcity.support.Api;

/**
 * How a compiled rule set runs: the rules that judge plans and the workflow rules are separate KieBases, no run sees
 * what the run before it saw, and the criterion definitions are read once and not fired per plan.
 */
class CompiledRuleSetTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path EXAMPLES = Api.EXAMPLES;

    private static CompiledRuleSet bundled;
    private static PlanReader reader;
    private static PlanEvaluator evaluator;

    @BeforeAll
    static void compile() {
        bundled = ok(RuleFiles.readFolder(TestRules.BUNDLED).files());
        reader = new PlanReader(MAPPER, Provinces.load());
        evaluator = new PlanEvaluator(Clock.systemUTC());
    }

    private static CompiledRuleSet ok(Map<String, String> files) {
        CompileResult r = new RuleSetCompiler().compile(new RuleFiles(files));
        assertTrue(r.isOk(), () -> "does not compile: " + r.errors());
        return r.ruleSet();
    }

    private static List<Plan> examples() throws IOException {
        List<Plan> plans = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".plan.json")).sorted().toList()) {
                plans.add(reader.read(Files.readAllBytes(p)));
            }
        }
        assertTrue(plans.size() >= 5, "the spec's example plans");
        return plans;
    }

    /** What matters of an evaluation: the outcome, each criterion's status and reason, and the rule behind it. */
    private static String summary(Evaluation e) {
        StringBuilder b = new StringBuilder(e.outcome());
        e.criteria().forEach(c -> b.append('|').append(c.id()).append('=').append(c.status()).append(':')
                .append(c.reason().en()).append('@').append(c.rule()));
        return b.toString();
    }

    @Test
    void aRunKeepsNothingFromThePlanBefore() throws IOException {
        List<Plan> plans = examples();
        List<String> first = plans.stream().map(p -> summary(evaluator.evaluate(bundled, 1, p))).toList();
        // the same plans again, in reverse: each answer must not depend on what the reused session saw before
        List<String> reversed = new ArrayList<>();
        for (int i = plans.size() - 1; i >= 0; i--) {
            reversed.add(0, summary(evaluator.evaluate(bundled, 1, plans.get(i))));
        }
        assertEquals(first, reversed);
        assertTrue(first.stream().anyMatch(s -> s.startsWith("PASS")) && first.stream().anyMatch(s -> s.startsWith("FAIL")),
                "the examples hold passing and failing plans");
    }

    @Test
    void thePlanJudgedAfterTheRuleTestsGetsTheRuleSetsAnswer() throws IOException {
        // the rule tests assume minDomains 2 (rules/tests/parameters.json); this rule set says 5, under which
        // phuket (3 domains) fails: nothing of the rule tests' runs may reach the plans judged after them
        CheckResult checked = new RuleSetChecker(reader, MAPPER).check(
                new RuleFiles(TestRules.withParameter("minDomains", "5")));
        assertTrue(checked.isOk(), () -> checked.errors().toString());
        Plan phuket = reader.read(Files.readAllBytes(EXAMPLES.resolve("phuket-livable-pass.plan.json")));
        for (int round = 0; round < 3; round++) {
            assertEquals("FAIL", evaluator.evaluate(checked.ruleSet(), 2, phuket).outcome(), "round " + round);
        }
    }

    @Test
    void parallelEvaluationsGiveTheSameAnswersAsOneByOne() throws Exception {
        List<Plan> plans = examples();
        List<String> expected = plans.stream().map(p -> summary(evaluator.evaluate(bundled, 1, p))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    List<String> got = new ArrayList<>();
                    for (int round = 0; round < 20; round++) {
                        got = plans.stream().map(p -> summary(evaluator.evaluate(bundled, 1, p))).toList();
                    }
                    return got;
                }));
            }
            for (Future<List<String>> run : runs) {
                assertEquals(expected, run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anEvaluationDoesNotFireTheDefinitionsAgainButCountsThemAsFired() throws IOException {
        Plan plan = examples().get(0);
        RuleRun run = bundled.evaluate(th.or.depa.smartcity.evaluation.PlanFacts.of(plan), bundled.parameters());
        assertEquals(List.of(), run.of(Criterion.class), "no Criterion is inserted while judging a plan");
        for (Criterion c : bundled.criteria()) {
            assertTrue(run.fired().contains(bundled.ruleOf(c.id())), c.id() + "'s definition counts as fired");
        }
    }

    @Test
    void whenARuleReadsACriterionTheDefinitionsFireInEveryEvaluation() throws IOException {
        Map<String, String> files = new TreeMap<>(RuleFiles.readFolder(TestRules.BUNDLED).files());
        files.put("criteria/SC-X1-reads-criteria.drl", """
                package smartcity.criteria;
                import th.or.depa.smartcity.facts.*;
                import java.util.Map;
                rule "SC-X1 is an advisory criterion"
                when
                then
                    insert(Criterion.advisory("SC-X1"));
                end
                rule "SC-X1 is met when SC-01 is a mandatory criterion"
                when
                    Plan()
                    th.or.depa.smartcity.facts.Criterion( id == "SC-01", mandatory )
                then
                    insert(Finding.met("SC-X1", Map.of()));
                end
                """);
        CompiledRuleSet withReader = ok(files);
        Evaluation e = evaluator.evaluate(withReader, 2, examples().get(0));
        assertEquals("MET", e.criteria().stream().filter(c -> c.id().equals("SC-X1")).findFirst().orElseThrow().status());
    }

    @Test
    void theWorkflowRulesAreTheirOwnKieBase() {
        RuleRun judged = bundled.evaluate(List.of(new Request("SUBMIT", "u1", "CITY", null, false, true, null, null),
                new th.or.depa.smartcity.facts.PlanStatus(null, "NEW", "PASS")), bundled.parameters());
        assertEquals(List.of(), judged.of(Transition.class), "an evaluation never runs the workflow rules");
        RuleRun decided = bundled.decide(List.of(new Request("SUBMIT", "u1", "CITY", null, false, true, null, null),
                new th.or.depa.smartcity.facts.PlanStatus(null, "NEW", "PASS")), bundled.parameters());
        assertEquals(1, decided.of(Transition.class).size());
        assertTrue(decided.fired().stream().allMatch(label -> label.startsWith(CompiledRuleSet.WORKFLOW_FOLDER)),
                "a workflow step fires workflow rules only: " + decided.fired());
        assertFalse(bundled.evaluationRuleLabels().stream().anyMatch(l -> l.startsWith(CompiledRuleSet.WORKFLOW_FOLDER)));
    }

    @Test
    void aRuleSetWithoutWorkflowRulesIsRefused() {
        Map<String, String> files = new TreeMap<>(RuleFiles.readFolder(TestRules.BUNDLED).files());
        files.keySet().removeIf(path -> path.startsWith(CompiledRuleSet.WORKFLOW_FOLDER));
        CompileResult r = new RuleSetCompiler().compile(new RuleFiles(files));
        assertFalse(r.isOk());
        assertEquals(List.of("the rule set has no workflow rules (workflow/*.drl)"),
                r.errors().stream().map(RuleError::message).toList());
    }
}
