package th.or.depa.smartcity.ruleset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;
import th.or.depa.smartcity.engine.RunLimits;
import th.or.depa.smartcity.evaluation.PlanVerdicts;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestRules;

/**
 * An impact analysis's worker judges plans on several threads (rules.workerThreads), each run bounded on its own:
 * a plan whose run goes over the firing limit, and one whose run goes over the time limit, fail alone, while the
 * plans judged beside them on the other thread get the verdicts they get when judged alone, in the order sent.
 */
class ImpactWorkerThreadsTest {

    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();
    private static final RunLimits LIMITS = new RunLimits(500, Duration.ofSeconds(1), 64L * 1024 * 1024);

    private static String rule(String name, String province, String then) {
        return "package smartcity.criteria;\nimport th.or.depa.smartcity.facts.*;\n\nrule \"" + name + "\"\nwhen\n"
                + "    $p : Plan( province == \"" + province + "\" )\nthen\n    " + then + "\nend\n";
    }

    @Test
    void aRunOverItsLimitFailsItsPlanAloneWhileTheOtherThreadJudgesOn() throws Exception {
        Map<String, String> files = new TreeMap<>(TestRules.withParameter("minDomains", "4"));
        // no rule test judges a plan in these provinces: the candidate passes its checks
        files.put("criteria/refires-in-chiang-mai.drl", rule("refires in Chiang Mai", "Chiang Mai", "update($p);"));
        files.put("criteria/spins-in-chiang-rai.drl", rule("spins in Chiang Rai", "Chiang Rai",
                "long n = 0; while (n >= 0) { n = (n + 1) % 1000; }"));
        CompileResult trusted = new RuleSetCompiler(LIMITS).compile(new RuleFiles(files));
        assertTrue(trusted.isOk(), () -> trusted.errors().toString());

        String[] examples = {"phuket-livable-pass", "few-datasets-warns-sca2", "one-domain-fails-sc03",
            "budget-gap-fails-sc10", "no-privacy-fails-sc07"};
        List<RuleWorkerMain.PlanLine> lines = new ArrayList<>();
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String province = i == 17 ? "Chiang Mai" : i == 41 ? "Chiang Rai" : "Phuket";
            String content = MAPPER.readTree(Api.example(examples[i % examples.length], province)).toString();
            lines.add(new RuleWorkerMain.PlanLine("plan-" + i, content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            plans.add(MAPPER.readValue(content, Plan.class));
        }

        RuleWorkers workers = new RuleWorkers(MAPPER, LIMITS, Duration.ofSeconds(180), "384m", 2);
        try (RuleWorkers.Worker worker = workers.judge(new RuleFiles(files), 2)) {
            RuleWorkerMain.Checked checked = worker.checked();
            assertTrue(checked.isOk(), checked.errors().toString());
            assertTrue(worker.send(lines));
            List<RuleWorkerMain.Judged> answers = worker.receive(lines.size());
            for (int i = 0; i < lines.size(); i++) {
                RuleWorkerMain.Judged j = answers.get(i);
                assertEquals("plan-" + i, j.id(), "answers in the order the plans were sent");
                if (i == 17) {
                    assertNotNull(j.failure());
                    assertTrue(j.failure().contains("rules.maxFirings"), j.failure());
                } else if (i == 41) {
                    assertNotNull(j.failure());
                    assertTrue(j.failure().contains("rules.runTimeout"), j.failure());
                } else {
                    assertNull(j.failure(), j.failure());
                    assertEquals(PlanVerdicts.judge(trusted.ruleSet(), plans.get(i)).verdict(), j.verdict(),
                            "plan " + i + " judged as alone");
                }
            }
            // and it ends as after any analysis: the rules that fired in the runs that passed
            java.util.Set<String> fired = worker.fired();
            assertTrue(fired.contains("outcome.drl: A plan fails when a mandatory criterion is not met"),
                    fired.toString());
        }
    }
}
