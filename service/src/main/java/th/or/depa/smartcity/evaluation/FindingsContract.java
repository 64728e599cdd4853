package th.or.depa.smartcity.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import th.or.depa.smartcity.engine.RuleRun;
import th.or.depa.smartcity.facts.Criterion;
import th.or.depa.smartcity.facts.Finding;
import th.or.depa.smartcity.facts.Outcome;
import th.or.depa.smartcity.facts.Status;

/**
 * The contract a run of criteria keeps, whatever is made of it (an evaluation with reasons, or a verdict): exactly one
 * finding per criterion in force, a status that fits its kind, no finding for a criterion not defined, one outcome.
 */
final class FindingsContract {

    /** A criterion in force with the finding the rules gave it and the rule that inserted it. */
    record Judged(Criterion criterion, Finding finding, String rule) {
    }

    /** The run's findings in the criteria's order, and its outcome. */
    record Checked(List<Judged> findings, String outcome) {
    }

    private FindingsContract() {
    }

    static Checked check(RuleRun run, List<Criterion> criteria, Function<String, String> ruleOf) {
        Map<String, RuleRun.Inserted> findings = new HashMap<>();
        for (RuleRun.Inserted i : run.of(Finding.class)) {
            Finding f = (Finding) i.fact();
            if (findings.putIfAbsent(f.criterion(), i) != null) {
                throw new RuleSetDefect("criterion " + f.criterion() + " gave more than one result ("
                        + findings.get(f.criterion()).rule() + "; " + i.rule() + ")");
            }
        }
        List<Judged> judged = new ArrayList<>(criteria.size());
        for (Criterion c : criteria) {
            RuleRun.Inserted i = findings.remove(c.id());
            if (i == null) {
                throw new RuleSetDefect("criterion " + c.id() + " gave no result (" + ruleOf.apply(c.id()) + ")");
            }
            Finding f = (Finding) i.fact();
            Status s = f.status();
            if ((c.mandatory() && s == Status.WARNING) || (!c.mandatory() && s == Status.NOT_MET) || s == null) {
                throw new RuleSetDefect(c.id() + " is " + (c.mandatory() ? "mandatory" : "advisory")
                        + " but " + i.rule() + " gave " + s);
            }
            judged.add(new Judged(c, f, i.rule()));
        }
        if (!findings.isEmpty()) {
            throw new RuleSetDefect("results for criteria that are not defined: " + findings.keySet());
        }
        List<RuleRun.Inserted> outcomes = run.of(Outcome.class);
        if (outcomes.size() != 1) {
            throw new RuleSetDefect("the rules gave " + outcomes.size() + " outcomes; exactly one is needed");
        }
        return new Checked(judged, ((Outcome) outcomes.get(0).fact()).value());
    }
}
