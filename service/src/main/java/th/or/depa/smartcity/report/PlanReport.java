package th.or.depa.smartcity.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.store.EventRow;

/**
 * One plan's decision report: the plan as its view shows it (latest revision, state, latest evaluation,
 * certificate), its record, the tallies of its votes and the rule set that judged it.
 */
public record PlanReport(PlanService.PlanDetails details, JsonNode certificate, List<EventRow> events,
                         boolean chainVerified, List<JsonNode> tallies, Evaluation.RuleSetRef ruleSet) {

    /** The votes and recusals of the record, in order. */
    public List<EventRow> votes() {
        return events.stream().filter(e -> "VOTE".equals(e.type()) || "RECUSAL".equals(e.type())).toList();
    }
}
