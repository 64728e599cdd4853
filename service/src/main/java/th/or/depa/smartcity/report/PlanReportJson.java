package th.or.depa.smartcity.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import th.or.depa.smartcity.plan.PlanView;
import th.or.depa.smartcity.history.HistoryItem;

/**
 * GET /api/plans/{id}/report as JSON: the plan view (plan, evaluation, certificate) plus history (its items as
 * GET /api/plans/{id}/history shows them), chainVerified, tallies (the TALLY events' tallies, in order) and ruleSet
 * (the version and sha256 of the rule set of the latest evaluation).
 */
public final class PlanReportJson {

    private PlanReportJson() {
    }

    public static ObjectNode of(PlanReport r, ObjectMapper mapper) {
        ObjectNode out = mapper.valueToTree(PlanView.of(r.details(), r.certificate()));
        ArrayNode history = out.putArray("history");
        r.events().forEach(e -> history.add(mapper.valueToTree(HistoryItem.of(e, mapper))));
        out.put("chainVerified", r.chainVerified());
        ArrayNode tallies = out.putArray("tallies");
        r.tallies().forEach(tallies::add);
        out.set("ruleSet", mapper.valueToTree(r.ruleSet()));
        return out;
    }
}
