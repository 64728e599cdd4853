package th.or.depa.smartcity.workflow;

import java.util.List;
import th.or.depa.smartcity.evaluation.RuleSetDefect;
import th.or.depa.smartcity.facts.Refusal;
import th.or.depa.smartcity.facts.Transition;
import th.or.depa.smartcity.ruleset.RuleRun;
import th.or.depa.smartcity.ruleset.RuleSets;

/** Asks the workflow rules what a request does; Java only applies the answer. */
public final class Workflow {

    private Workflow() {
    }

    /** The state the rules move the plan to; a rule's refusal becomes the HTTP refusal it names. */
    public static String decide(RuleSets.InForce rules, List<Object> facts) {
        RuleRun run = rules.rules().run(facts, rules.rules().parameters());
        List<RuleRun.Inserted> refusals = run.of(Refusal.class);
        if (!refusals.isEmpty()) {
            // the strongest refusal wins, in api.md's order: 403 before 422 before 409
            Refusal r = refusals.stream().map(i -> (Refusal) i.fact())
                    .min((a, b) -> Integer.compare(rank(a.code()), rank(b.code()))).orElseThrow();
            throw new WorkflowRefusal(r);
        }
        List<RuleRun.Inserted> transitions = run.of(Transition.class);
        if (transitions.size() != 1) {
            throw new RuleSetDefect("the workflow rules gave " + transitions.size() + " transitions: " + transitions);
        }
        return ((Transition) transitions.get(0).fact()).to();
    }

    private static int rank(int code) {
        return switch (code) {
            case 403 -> 0;
            case 422 -> 1;
            default -> 2;
        };
    }
}
