package th.or.depa.smartcity.facts;

/**
 * Where a plan stands when a request arrives: its state (null before submission), kind, and the outcome of its
 * latest evaluation (for SUBMIT and REVISE: of the evaluation just made).
 */
public record PlanStatus(String state, String kind, String outcome, boolean ruleSetChanged) {
}
