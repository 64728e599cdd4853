package th.or.depa.smartcity.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.store.PlanRow;

/**
 * api.md, The plan view: {plan, evaluation, certificate (once certified), tally (answering CLOSE_VOTE)}; certificates:
 * the ones renewals continued (oldest first, status RENEWED); renewal: answering a renewal, its report and evaluation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanView(Info plan, Evaluation evaluation, JsonNode certificate, Object tally,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.List<JsonNode> certificates,
                       Object renewal) {

    public PlanView(Info plan, Evaluation evaluation, JsonNode certificate, Object tally) {
        this(plan, evaluation, certificate, tally, null, null);
    }

    /** The same view with the certificates renewals continued and, answering a renewal, the renewal. */
    public PlanView with(java.util.List<JsonNode> previous, Object newRenewal) {
        return new PlanView(plan, evaluation, certificate, tally, previous, newRenewal);
    }

    /** The plan's head; content only in the view of one plan, outcome only in lists. */
    public record Info(String id, String organisation, String reference, String city, String cityTh,
                       String province, String kind, int revision, String state, Instant submittedAt,
                       Instant updatedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode content,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String outcome) {
    }

    public static Info info(PlanRow p, JsonNode content, boolean withOutcome) {
        return new Info(p.id(), p.organisation(), p.reference(), p.city(), p.cityTh(), p.province(), p.kind(),
                p.revision(), p.state(), p.submittedAt(), p.updatedAt(), content, withOutcome ? p.outcome() : null);
    }

    public static PlanView of(PlanService.PlanDetails d, JsonNode certificate) {
        return new PlanView(info(d.row(), d.content(), false), d.evaluation(), certificate, null);
    }
}
