package th.or.depa.smartcity.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.store.EventRow;

/** One event as GET /api/plans/{id}/history and the plan report show it (api.md). */
public record HistoryItem(int seq, String type, String actor, String role, Instant at, String stateBefore,
                          String stateAfter, String comment, Evaluation.RuleSetRef ruleSet, JsonNode data) {

    public static HistoryItem of(EventRow e, ObjectMapper mapper) {
        JsonNode data;
        try {
            data = e.data() == null ? null : mapper.readTree(e.data());
        } catch (java.io.IOException bad) {
            throw new IllegalStateException("event " + e.seq() + " of plan " + e.planId() + " is stored unreadably", bad);
        }
        return new HistoryItem(e.seq(), e.type(), e.actor(), e.role(), e.occurredAt(), e.stateBefore(),
                e.stateAfter(), e.comment(), new Evaluation.RuleSetRef(e.ruleSetVersion(), e.ruleSetSha256()), data);
    }
}
