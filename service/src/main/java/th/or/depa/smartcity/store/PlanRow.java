package th.or.depa.smartcity.store;

import java.time.Instant;

/** A plan's current state: its latest revision, state and evaluation. */
public record PlanRow(String id, String organisation, String ownerId, String reference, String city, String cityTh,
                      String province, String kind, int revision, String state, String outcome,
                      String latestEvaluationId, String certificate, Instant submittedAt, Instant updatedAt,
                      int lockVersion, int reviewRound) {

    /** The same plan with another outcome (a dry run asking what a passing report would do). */
    public PlanRow withOutcome(String newOutcome) {
        return new PlanRow(id, organisation, ownerId, reference, city, cityTh, province, kind, revision, state,
                newOutcome, latestEvaluationId, certificate, submittedAt, updatedAt, lockVersion, reviewRound);
    }

    /** The same plan moved to another state (a new review round opens with every change of state). */
    public PlanRow moved(String newState, java.time.Instant at, String newCertificate) {
        boolean changed = !newState.equals(state);
        return new PlanRow(id, organisation, ownerId, reference, city, cityTh, province, kind, revision, newState,
                outcome, latestEvaluationId, newCertificate, submittedAt, changed ? at : updatedAt, lockVersion,
                changed ? reviewRound + 1 : reviewRound);
    }
}
