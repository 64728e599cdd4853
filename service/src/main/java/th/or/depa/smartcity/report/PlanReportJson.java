package th.or.depa.smartcity.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import th.or.depa.smartcity.api.PlanView;
import th.or.depa.smartcity.store.EventRow;

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
        r.events().forEach(e -> history.add(mapper.valueToTree(item(e, mapper))));
        out.put("chainVerified", r.chainVerified());
        ArrayNode tallies = out.putArray("tallies");
        r.tallies().forEach(tallies::add);
        out.set("ruleSet", mapper.valueToTree(r.ruleSet()));
        return out;
    }

    /** One event as the history shows it (api.md, GET /api/plans/{id}/history). */
    static Map<String, Object> item(EventRow e, ObjectMapper mapper) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("type", e.type());
        m.put("actor", e.actor());
        m.put("role", e.role());
        m.put("at", e.occurredAt());
        m.put("stateBefore", e.stateBefore());
        m.put("stateAfter", e.stateAfter());
        m.put("comment", e.comment());
        Map<String, Object> rs = new LinkedHashMap<>();
        rs.put("version", e.ruleSetVersion());
        rs.put("sha256", e.ruleSetSha256());
        m.put("ruleSet", rs);
        try {
            m.put("data", e.data() == null ? null : mapper.readTree(e.data()));
        } catch (java.io.IOException bad) {
            throw new IllegalStateException("event " + e.seq() + " of plan " + e.planId() + " is stored unreadably", bad);
        }
        return m;
    }
}
