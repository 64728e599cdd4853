package th.or.depa.smartcity.facts;

/**
 * What a caller asks of the workflow: SUBMIT, REVISE, VOTE, or an action of workflow.md (FORWARD, ...).
 * owner: the caller's organisation owns the plan; actorBody: the body the caller sits on (COMMITTEE users);
 * chair: the caller chairs that body; vote: APPROVE, REJECT, ABSTAIN or RECUSE for a VOTE.
 */
public record Request(String action, String actorId, String role, String actorBody, boolean chair, boolean owner,
                      String comment, String vote) {

    /** A blank comment counts as none, as workflow.md says. */
    public boolean hasComment() {
        return comment != null && !Text.isBlank(comment);
    }
}
