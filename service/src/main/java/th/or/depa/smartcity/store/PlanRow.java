package th.or.depa.smartcity.store;

import java.time.Instant;

/** A plan's current state: its latest revision, state and evaluation. */
public record PlanRow(String id, String organisation, String ownerId, String reference, String city, String cityTh,
                      String province, String kind, int revision, String state, String outcome,
                      String latestEvaluationId, String certificate, Instant submittedAt, Instant updatedAt,
                      int lockVersion, int reviewRound) {

    private static final java.util.regex.Pattern VALID_UNTIL =
            java.util.regex.Pattern.compile("\"validUntil\"\\s*:\\s*\"(\\d{4}-\\d{2}-\\d{2})\"");

    /**
     * The certificate's last valid day, as the column certificate_valid_until keeps it for the expiry sweep's index
     * (null without a certificate). Read from the stored JSON, which the service writes itself.
     */
    public java.time.LocalDate certificateValidUntil() {
        return validUntil(certificate);
    }

    public static java.time.LocalDate validUntil(String certificateJson) {
        if (certificateJson == null) {
            return null;
        }
        java.util.regex.Matcher m = VALID_UNTIL.matcher(certificateJson);
        return m.find() ? java.time.LocalDate.parse(m.group(1)) : null;
    }

    /** What GET /api/plans?q= searches (column search_text, V12): city, Thai city, reference, organisation, normalised. */
    public String searchText() {
        return SearchText.of(city, cityTh, reference, organisation);
    }

    /** The same plan with another outcome (a dry run asking what a passing report would do). */
    public PlanRow withOutcome(String newOutcome) {
        return new PlanRow(id, organisation, ownerId, reference, city, cityTh, province, kind, revision, state,
                newOutcome, latestEvaluationId, certificate, submittedAt, updatedAt, lockVersion, reviewRound);
    }

    /** The same plan judged again (a FORWARD under another rule set): that evaluation's outcome and id. */
    public PlanRow judged(String newOutcome, String evaluationId) {
        return new PlanRow(id, organisation, ownerId, reference, city, cityTh, province, kind, revision, state,
                newOutcome, evaluationId, certificate, submittedAt, updatedAt, lockVersion, reviewRound);
    }

    /**
     * The next revision of the plan, as the city sent it and the rules judged it: its names and kind from the new
     * content, the state the workflow decided, a new review round.
     */
    public PlanRow revised(String newReference, String newCity, String newCityTh, String newProvince, String newKind,
                           String newState, String newOutcome, String evaluationId, Instant at) {
        return new PlanRow(id, organisation, ownerId, newReference, newCity, newCityTh, newProvince, newKind,
                revision + 1, newState, newOutcome, evaluationId, certificate, submittedAt, at, lockVersion,
                reviewRound + 1);
    }

    /** The row as it stands once its update is written: the optimistic lock's version moved on by one. */
    public PlanRow written() {
        return new PlanRow(id, organisation, ownerId, reference, city, cityTh, province, kind, revision, state,
                outcome, latestEvaluationId, certificate, submittedAt, updatedAt, lockVersion + 1, reviewRound);
    }

    /** The same plan moved to another state (a new review round opens with every change of state). */
    public PlanRow moved(String newState, java.time.Instant at, String newCertificate) {
        boolean changed = !newState.equals(state);
        return new PlanRow(id, organisation, ownerId, reference, city, cityTh, province, kind, revision, newState,
                outcome, latestEvaluationId, newCertificate, submittedAt, changed ? at : updatedAt, lockVersion,
                changed ? reviewRound + 1 : reviewRound);
    }
}
