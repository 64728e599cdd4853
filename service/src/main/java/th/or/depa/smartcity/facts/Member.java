package th.or.depa.smartcity.facts;

/** A member of the body reviewing the plan, counted when the vote is closed; chair marks the body's chair. */
public record Member(String id, String body, boolean chair) {
}
