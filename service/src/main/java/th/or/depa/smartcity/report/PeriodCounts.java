package th.or.depa.smartcity.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One month of the decisions report's series, or the whole period (seriesTotals): counts of record entries whose
 * time falls in it (Asia/Bangkok). Definitions in the Reports section of the README: submitted = first submissions,
 * revised = revisions, passedScreening = SCREENING → SUBCOMMITTEE_REVIEW, certified = certificates issued,
 * rejected / revoked / withdrawn = moves into that state, expiring = certificates whose validUntil falls in it
 * (whatever became of them), expired = EXPIRED events (the service expired a plan), renewed = RENEWED events (a
 * renewal approved), evaluated / passed = evaluations stored and those that
 * passed, passRate = passed / evaluated (null without evaluations), mostUnmet = the criteria NOT_MET in an
 * evaluation of the most plans (each plan counted once per criterion), at most five.
 */
@JsonPropertyOrder({"period", "submitted", "revised", "passedScreening", "certified", "rejected", "revoked",
        "expiring", "expired", "renewed", "withdrawn", "evaluated", "passed", "passRate", "mostUnmet"})
public record PeriodCounts(String period, long submitted, long revised, long passedScreening, long certified,
                           long rejected, long revoked, long expiring, long expired, long renewed, long withdrawn, long evaluated, long passed, Double passRate,
                           List<Unmet> mostUnmet) {

    /** A criterion and the number of plans with an evaluation in the period that has it NOT_MET. */
    @JsonPropertyOrder({"criterion", "plans"})
    public record Unmet(String criterion, long plans) {
    }

    /** The pass rate as a whole percentage for the page, or null. */
    public Long passPercent() {
        return passRate == null ? null : Math.round(passRate * 100);
    }
}
