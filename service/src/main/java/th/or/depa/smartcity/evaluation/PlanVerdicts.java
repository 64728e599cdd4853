package th.or.depa.smartcity.evaluation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleRun;
import th.or.depa.smartcity.plan.Plan;

/**
 * A plan judged for impact analysis: the same guarded rule run and the same contract as {@link PlanEvaluator}, but
 * only the outcome and the statuses are kept. Rendering the reasons in two languages was most of an evaluation's
 * cost (bench/README.md, "Engine after issue 14"), and a comparison of verdicts never reads them.
 */
public final class PlanVerdicts {

    /** A verdict with the labels of the rules that fired to make it (impact analysis reports the others). */
    public record Traced(Verdict verdict, Set<String> fired) {
    }

    private PlanVerdicts() {
    }

    public static Traced judge(CompiledRuleSet ruleSet, Plan plan) {
        RuleRun run = ruleSet.evaluate(PlanFacts.of(plan), ruleSet.parameters());
        FindingsContract.Checked checked = FindingsContract.check(run, ruleSet.criteria(), ruleSet::ruleOf);
        Map<String, String> statuses = new HashMap<>();
        checked.findings().forEach(j -> statuses.put(j.criterion().id(), j.finding().status().name()));
        return new Traced(new Verdict(checked.outcome(), statuses), run.fired());
    }
}
