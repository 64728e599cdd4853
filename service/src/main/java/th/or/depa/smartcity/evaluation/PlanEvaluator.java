package th.or.depa.smartcity.evaluation;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import th.or.depa.smartcity.facts.Criterion;
import th.or.depa.smartcity.facts.Finding;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.facts.Status;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleRun;

/**
 * Runs a plan through a rule set and assembles the result. It only checks that the rules kept their contract
 * (one finding per criterion, a status that fits the kind, one outcome); the judging is the rules'.
 */
public final class PlanEvaluator {

    /** Told of every evaluation made: its outcome (ERROR when the run failed) and how long the rules ran. */
    public interface Observer {
        void evaluated(String outcome, long ruleRunNanos);
    }

    private final Clock clock;
    private final Observer observer;

    public PlanEvaluator(Clock clock) {
        this(clock, (outcome, nanos) -> { });
    }

    public PlanEvaluator(Clock clock, Observer observer) {
        this.clock = clock;
        this.observer = observer;
    }

    public Evaluation evaluate(CompiledRuleSet ruleSet, Integer version, Plan plan) {
        return evaluate(ruleSet, version, plan, ruleSet.parameters());
    }

    public Evaluation evaluate(CompiledRuleSet ruleSet, Integer version, Plan plan, Map<String, Parameter> params) {
        return evaluateTraced(ruleSet, version, plan, params).evaluation();
    }

    /** An evaluation with the labels of the rules that fired to make it (impact analysis reports the others). */
    public record Traced(Evaluation evaluation, java.util.Set<String> fired, List<RuleError> textProblems) {
    }

    public Traced evaluateTraced(CompiledRuleSet ruleSet, Integer version, Plan plan, Map<String, Parameter> params) {
        return evaluateTraced(ruleSet, version, plan, params, false);
    }

    /**
     * strict (rule tests): a reason whose template is missing or names a fact the rule did not report is also told
     * in textProblems (its file and line); the reason shows a word for the missing value either way.
     */
    public Traced evaluateTraced(CompiledRuleSet ruleSet, Integer version, Plan plan, Map<String, Parameter> params,
                                 boolean strict) {
        return observed(() -> ruleSet.evaluate(PlanFacts.of(plan), params),
                run -> assemble(ruleSet, version, run, ruleSet.criteria(), ruleSet::ruleOf, strict));
    }

    /** Runs the rules, then assembles their result, telling the observer of both (a null run: nothing to tell). */
    Traced observed(java.util.function.Supplier<RuleRun> rules, java.util.function.Function<RuleRun, Traced> result) {
        long start = System.nanoTime();
        RuleRun run;
        try {
            run = rules.get();
        } catch (RuntimeException failed) {
            observer.evaluated("ERROR", System.nanoTime() - start);
            throw failed;
        }
        long ran = System.nanoTime() - start;
        if (run == null) {
            return null;
        }
        Traced traced;
        try {
            traced = result.apply(run);
        } catch (RuntimeException failed) {
            observer.evaluated("ERROR", ran);
            throw failed;
        }
        observer.evaluated(traced.evaluation().outcome(), ran);
        return traced;
    }

    /**
     * The evaluation of a run of criteria (a plan's, or a progress report's with the renewal criteria): one finding
     * per criterion in force, a status that fits its kind, one outcome; the reasons from the rule set's texts.
     */
    Traced assemble(CompiledRuleSet ruleSet, Integer version, RuleRun run, List<Criterion> criteria,
                    java.util.function.Function<String, String> ruleOf, boolean strict) {
        Texts texts = Texts.of(ruleSet.files());
        List<RuleError> textProblems = new ArrayList<>();
        FindingsContract.Checked checked = FindingsContract.check(run, criteria, ruleOf);
        List<Evaluation.CriterionResult> results = new ArrayList<>();
        int met = 0;
        int notMet = 0;
        int warnings = 0;
        for (FindingsContract.Judged j : checked.findings()) {
            Criterion c = j.criterion();
            Finding f = j.finding();
            Status s = f.status();
            met += s == Status.MET ? 1 : 0;
            notMet += s == Status.NOT_MET ? 1 : 0;
            warnings += s == Status.WARNING ? 1 : 0;
            results.add(new Evaluation.CriterionResult(c.id(), texts.title(c.id()), c.mandatory(), s.name(),
                    reason(texts, f, j.rule(), strict, textProblems),
                    f.facts() == null ? Map.of() : new TreeMap<>(f.facts()), j.rule()));
        }
        String outcome = checked.outcome();
        return new Traced(new Evaluation(null, null, null, new Evaluation.RuleSetRef(version, ruleSet.sha256()), outcome,
                List.copyOf(results), new Evaluation.Summary(met, notMet, warnings),
                clock.instant().truncatedTo(ChronoUnit.MICROS)), run.fired(), List.copyOf(textProblems));
    }

    private static Evaluation.Bilingual reason(Texts texts, Finding f, String rule, boolean strict,
                                               List<RuleError> problems) {
        if (strict) {
            try {
                return texts.reason(f, rule, true);
            } catch (Texts.TextProblem p) {
                problems.add(p.error());
            }
        }
        return texts.reason(f, rule, false);
    }
}
