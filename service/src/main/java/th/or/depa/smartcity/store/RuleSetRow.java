package th.or.depa.smartcity.store;

import java.time.Instant;

/**
 * A stored rule-set version; files is a JSON object of path to content. createdBy/createdAt/proposerId are the
 * proposer (proposerId null: the rules folder); tests is the JSON of its rule-test counts when it was checked.
 */
public record RuleSetRow(int version, String sha256, String files, String note, String createdBy, Instant createdAt,
                         String status, Instant statusAt, String proposerId, String activatedBy, String activatedById,
                         Instant activatedAt, Instant retiredAt, String rolledBackBy, String rolledBackById,
                         Instant rolledBackAt, String tests) {

    /** A new PROPOSED version. */
    public static RuleSetRow proposed(int version, String sha256, String files, String note, String by, String byId,
                                      Instant at, String tests) {
        return new RuleSetRow(version, sha256, files, note, by, at, "PROPOSED", at, byId, null, null, null, null, null,
                null, null, tests);
    }
}
