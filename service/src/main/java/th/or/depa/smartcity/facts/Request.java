package th.or.depa.smartcity.facts;

/**
 * What a caller asks of the workflow: SUBMIT, REVISE, or an action of workflow.md (FORWARD, ...).
 * owner: the caller's organisation owns the plan; actorBody/chair: the caller's committee seat, if any.
 */
public record Request(String action, String role, String actorBody, boolean chair, boolean owner, String comment) {
}
