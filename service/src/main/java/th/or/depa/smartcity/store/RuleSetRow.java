package th.or.depa.smartcity.store;

import java.time.Instant;

/** A stored rule-set version; files is a JSON object of path to content. */
public record RuleSetRow(int version, String sha256, String files, String note, String createdBy, Instant createdAt,
                         String status, Instant statusAt, String proposerId) {
}
