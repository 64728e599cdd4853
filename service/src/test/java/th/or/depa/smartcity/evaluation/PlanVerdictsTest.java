package th.or.depa.smartcity.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestRules;

/**
 * Impact analysis compares verdicts made without rendering reasons, and reads the rules in force's verdict out of the
 * stored evaluation as a stream: both must be exactly what a full evaluation says, and fail where it fails.
 */
class PlanVerdictsTest {

    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();
    private static final PlanEvaluator EVALUATOR = new PlanEvaluator(Clock.systemUTC());
    private static List<Plan> examples;

    @BeforeAll
    static void examples() throws IOException {
        PlanReader reader = new PlanReader(MAPPER, Provinces.load());
        examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Api.EXAMPLES)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".plan.json")).sorted().toList()) {
                examples.add(reader.read(Files.readAllBytes(p)));
            }
        }
        assertTrue(examples.size() >= 9, "the spec's example plans");
    }

    private static CompiledRuleSet compile(Map<String, String> files) {
        CompileResult r = new RuleSetCompiler().compile(new RuleFiles(files));
        assertTrue(r.isOk(), () -> "does not compile: " + r.errors());
        return r.ruleSet();
    }

    @Test
    void aVerdictIsTheFullEvaluationsOutcomeAndStatusesUnderTheBundledRulesAndCandidates() {
        Map<String, String> sc02 = TestRules.withParameter("minDomains", "2");
        sc02.put("criteria/SC-02-target-area.drl", sc02.get("criteria/SC-02-target-area.drl")
                .replace("areaKm2 > 0", "areaKm2 > 100"));
        List<CompiledRuleSet> ruleSets = List.of(compile(RuleFiles.readFolder(TestRules.BUNDLED).files()),
                compile(TestRules.withParameter("minDomains", "4")), compile(sc02));
        int differ = 0;
        for (CompiledRuleSet rules : ruleSets) {
            for (Plan plan : examples) {
                Verdict full = Verdict.of(EVALUATOR.evaluate(rules, 1, plan));
                assertEquals(full, PlanVerdicts.judge(rules, plan).verdict());
                differ += full.equals(Verdict.of(EVALUATOR.evaluate(ruleSets.get(0), 1, plan))) ? 0 : 1;
            }
        }
        assertTrue(differ >= 2, "the candidates change some examples' verdicts, or this test proves little");
    }

    @Test
    void theFiredRulesAreThoseOfTheFullEvaluation() {
        CompiledRuleSet rules = compile(RuleFiles.readFolder(TestRules.BUNDLED).files());
        for (Plan plan : examples) {
            assertEquals(EVALUATOR.evaluateTraced(rules, 1, plan, rules.parameters()).fired(),
                    PlanVerdicts.judge(rules, plan).fired());
        }
    }

    @Test
    void aStoredEvaluationReadsAsTheVerdictItHolds() throws IOException {
        CompiledRuleSet rules = compile(RuleFiles.readFolder(TestRules.BUNDLED).files());
        for (Plan plan : examples) {
            Evaluation e = EVALUATOR.evaluate(rules, 1, plan).forPlan("e-1", "p-1", 2);
            String stored = MAPPER.writeValueAsString(e);
            assertEquals(Verdict.of(e), Verdict.ofStored(MAPPER.getFactory(), stored));
            // the fields in another order, facts that hold "status" and "outcome" keys: still the criterion's own
            ObjectNode shuffled = MAPPER.createObjectNode();
            ObjectNode tree = (ObjectNode) MAPPER.readTree(stored);
            shuffled.set("criteria", tree.get("criteria"));
            tree.fieldNames().forEachRemaining(f -> shuffled.set(f, tree.get(f)));
            for (var c : (ArrayNode) shuffled.get("criteria")) {
                ((ObjectNode) c.get("facts")).put("status", "NOT_MET").put("outcome", "FAIL").put("id", "SC-99");
            }
            assertEquals(Verdict.of(e), Verdict.ofStored(MAPPER.getFactory(), shuffled.toString()));
        }
    }

    @Test
    void anUnreadableStoredEvaluationIsAServerFaultNotAnEmptyVerdict() {
        assertThrows(IllegalStateException.class, () -> Verdict.ofStored(MAPPER.getFactory(), "[]"));
        assertThrows(IllegalStateException.class, () -> Verdict.ofStored(MAPPER.getFactory(), "{\"criteria\":[]}"));
        assertThrows(IllegalStateException.class,
                () -> Verdict.ofStored(MAPPER.getFactory(), "{\"outcome\":\"PASS\",\"criteria\":[{\"id\":\"SC-01\"}]}"));
    }

    @Test
    void aRuleSetThatBreaksTheContractFailsTheVerdictAsItFailsTheEvaluation() {
        // a second SC-01 result for plans in Chiang Mai: compiles, and fails only on such a plan
        Map<String, String> files = new java.util.TreeMap<>(RuleFiles.readFolder(TestRules.BUNDLED).files());
        files.put("criteria/twice.drl", "package smartcity.criteria;\nimport th.or.depa.smartcity.facts.*;\n"
                + "import java.util.Map;\n\nrule \"SC-01 again in Chiang Mai\"\nwhen\n"
                + "    Plan( province == \"Chiang Mai\" )\nthen\n    insert(Finding.met(\"SC-01\", Map.of()));\nend\n");
        CompiledRuleSet rules = compile(files);
        Plan plan = examples.get(0);
        assertEquals(Verdict.of(EVALUATOR.evaluate(rules, 1, plan)), PlanVerdicts.judge(rules, plan).verdict());
        ObjectNode tree = MAPPER.valueToTree(plan);
        ((ObjectNode) tree.get("city")).put("province", "Chiang Mai");
        Plan inChiangMai = MAPPER.convertValue(tree, Plan.class);
        RuleSetDefect full = assertThrows(RuleSetDefect.class, () -> EVALUATOR.evaluate(rules, 1, inChiangMai));
        RuleSetDefect verdict = assertThrows(RuleSetDefect.class, () -> PlanVerdicts.judge(rules, inChiangMai));
        assertEquals(full.getMessage(), verdict.getMessage());
        assertTrue(verdict.getMessage().contains("more than one result"), verdict.getMessage());
    }
}
