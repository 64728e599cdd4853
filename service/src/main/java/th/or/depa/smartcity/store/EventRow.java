package th.or.depa.smartcity.store;

import java.time.Instant;

/**
 * One entry of a plan's record (workflow.md, Record); hash chains it to the previous one. scheme says how hash was
 * made (HMAC keyed, or SHA256 for events written before the record was keyed); planRow is the plan row as the write
 * that added the event left it (null on unkeyed events).
 */
public record EventRow(String planId, int seq, String type, String actorId, String actor, String role,
                       Instant occurredAt, String stateBefore, String stateAfter, String comment,
                       Integer ruleSetVersion, String ruleSetSha256, String data, String prevHash, String hash,
                       String scheme, String planRow) {
}
