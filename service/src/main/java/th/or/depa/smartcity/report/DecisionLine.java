package th.or.depa.smartcity.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import th.or.depa.smartcity.evaluation.Evaluation;

/**
 * One plan of the decisions report (api.md, Reports): its head, the latest evaluation's outcome, unmet criteria
 * and warnings, the domains of its latest revision, the tallies of its votes and the certificate's dates.
 * criteria (not shown) carries the latest evaluation's criteria for the totals.
 */
@JsonPropertyOrder({"id", "organisation", "city", "cityTh", "province", "kind", "state", "outcome", "notMet",
        "warnings", "domains", "submittedAt", "updatedAt", "tallies", "certificate"})
public record DecisionLine(String id, String organisation, String city, String cityTh, String province, String kind,
                           String state, String outcome, List<String> notMet, List<String> warnings,
                           List<String> domains, Instant submittedAt, Instant updatedAt, List<Tally> tallies,
                           Dates certificate, @JsonIgnore List<Evaluation.CriterionResult> criteria) {

    /** A body's vote on the plan as the report shows it. */
    @JsonPropertyOrder({"body", "approve", "reject", "abstain", "recused", "result"})
    public record Tally(String body, int approve, int reject, int abstain, int recused, String result) {
    }

    /** The certificate's period (calendar days in Asia/Bangkok) and its status today (certificate.drl). */
    @JsonPropertyOrder({"validFrom", "validUntil", "status"})
    public record Dates(String validFrom, String validUntil, String status) {
    }
}
