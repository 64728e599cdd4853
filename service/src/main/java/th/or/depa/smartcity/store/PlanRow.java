package th.or.depa.smartcity.store;

import java.time.Instant;

/** A plan's current state: its latest revision, state and evaluation. */
public record PlanRow(String id, String organisation, String ownerId, String reference, String city, String cityTh,
                      String province, String kind, int revision, String state, String outcome,
                      String latestEvaluationId, String certificate, Instant submittedAt, Instant updatedAt,
                      int lockVersion) {
}
