package th.or.depa.smartcity.facts;

/**
 * Where a plan stands when a request arrives: its state (null before submission), kind, and the outcome of its
 * latest evaluation (for SUBMIT, REVISE and a FORWARD after a rule change: of the evaluation just made).
 */
public record PlanStatus(String state, String kind, String outcome) {
}
