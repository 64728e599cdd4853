package th.or.depa.smartcity.store;

import java.time.Instant;

/**
 * A stored evaluation; result is the full evaluation JSON as answered, criterionStatuses its criteria's statuses
 * alone ({@link CriterionStatuses}; null only in rows written without it, e.g. by hand: read the result then).
 */
public record EvaluationRow(String id, String planId, int revision, int ruleSetVersion, String ruleSetSha256,
                            String outcome, String result, Instant evaluatedAt, String criterionStatuses) {
}
