package th.or.depa.smartcity.store;

import java.time.Instant;

/** One progress report of a renewal and its evaluation (JSON), with what became of it (result, null while open). */
public record RenewalRow(String id, String planId, String submittedBy, Instant submittedAt, String report,
                         String evaluation, String outcome, Integer ruleSetVersion, String ruleSetSha256,
                         String result, String replacedCertificate, Instant decidedAt) {
}
