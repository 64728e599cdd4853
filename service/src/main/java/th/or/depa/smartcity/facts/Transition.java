package th.or.depa.smartcity.facts;

/** A workflow rule's decision: the plan moves to this state. */
public record Transition(String to) {
}
