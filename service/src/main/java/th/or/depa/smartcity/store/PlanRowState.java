package th.or.depa.smartcity.store;

/** What a plan's record vouches for in its row: state, revision, evaluation (with its stored result), certificate. */
public record PlanRowState(String state, int revision, String outcome, String latestEvaluationId,
                           String certificate, int reviewRound, String evaluation) {
}
