package th.or.depa.smartcity.workflow;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.RuleSetDefect;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.facts.Certificate;
import th.or.depa.smartcity.facts.Refusal;
import th.or.depa.smartcity.facts.RenewalResult;
import th.or.depa.smartcity.facts.Request;
import th.or.depa.smartcity.facts.Tally;
import th.or.depa.smartcity.facts.Transition;
import th.or.depa.smartcity.facts.Verdict;
import th.or.depa.smartcity.engine.RuleRun;
import th.or.depa.smartcity.ruleset.RuleSets;

/** Asks the workflow rules what a request does; Java only applies the answer. */
public final class Workflow {

    /**
     * What the rules decided: the state to move to (null: none), a refusal (null: none), and for CLOSE_VOTE the
     * tally, its verdict and, when the committee approves, the certificate; for a renewal's decision, its result. A refusal may come with a transition
     * (a FORWARD whose re-evaluation fails moves the plan to NOT_ELIGIBLE and is refused); reason is its text.
     */
    public record Decision(String to, Refusal refusal, Bilingual reason, Tally tally, Verdict verdict,
                           Certificate certificate, RenewalResult renewal) {

        /** The refusal as thrown to the caller. */
        public WorkflowRefusal refused() {
            return new WorkflowRefusal(refusal, reason);
        }
    }

    private Workflow() {
    }

    /** The state the rules move the plan to; any refusal is thrown. */
    public static String decide(RuleSets.InForce rules, List<Object> facts) {
        Decision d = consult(rules, facts);
        if (d.refusal() != null) {
            throw d.refused();
        }
        return d.to();
    }

    /** Refuses with 403 when the caller's role may never take the action; looks at nothing but the request. */
    public static void checkRole(RuleSets.InForce rules, Request request) {
        RuleRun run = rules.rules().decide(List.of(request), rules.rules().parameters());
        run.of(Refusal.class).stream().filter(i -> ((Refusal) i.fact()).code() == 403).findFirst()
                .ifPresent(i -> {
                    throw new WorkflowRefusal((Refusal) i.fact(), reason(rules, i));
                });
    }

    public static Decision consult(RuleSets.InForce rules, List<Object> facts) {
        RuleRun run = rules.rules().decide(facts, rules.rules().parameters());
        // the strongest refusal wins, in api.md's order: 403 before 422 before 409
        RuleRun.Inserted refused = run.of(Refusal.class).stream()
                .min(Comparator.comparingInt(i -> rank(((Refusal) i.fact()).code()))).orElse(null);
        Refusal refusal = refused == null ? null : (Refusal) refused.fact();
        List<Transition> transitions = run.of(Transition.class).stream().map(i -> (Transition) i.fact()).toList();
        if (refusal != null && !refusal.afterTransition()) {
            transitions = List.of(); // a refused request changes nothing
        }
        if (transitions.size() > 1 || (transitions.isEmpty() && refusal == null)) {
            throw new RuleSetDefect("the workflow rules gave " + transitions.size() + " transitions and no refusal: "
                    + transitions);
        }
        return new Decision(transitions.isEmpty() ? null : transitions.get(0).to(), refusal,
                refused == null ? null : reason(rules, refused), one(run, Tally.class).orElse(null), one(run, Verdict.class).orElse(null),
                one(run, Certificate.class).orElse(null), one(run, RenewalResult.class).orElse(null));
    }

    /** A refusal's reason from the texts of the rule set that refused. */
    private static Bilingual reason(RuleSets.InForce rules, RuleRun.Inserted refused) {
        return Texts.of(rules.rules().files()).refusal((Refusal) refused.fact(), refused.rule(), false);
    }

    private static <T> Optional<T> one(RuleRun run, Class<T> type) {
        return run.of(type).stream().map(i -> type.cast(i.fact())).findFirst();
    }

    private static int rank(int code) {
        return switch (code) {
            case 403 -> 0;
            case 422 -> 1;
            default -> 2;
        };
    }
}
