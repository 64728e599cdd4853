package th.or.depa.smartcity.store;

import java.time.Instant;

/** A stored evaluation; result is the full evaluation JSON as answered. */
public record EvaluationRow(String id, String planId, int revision, int ruleSetVersion, String ruleSetSha256,
                            String outcome, String result, Instant evaluatedAt) {
}
