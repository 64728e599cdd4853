package th.or.depa.smartcity.facts;

/** The plan's overall outcome, PASS or FAIL, inserted by rules/outcome.drl once every criterion has spoken. */
public record Outcome(String value) {
}
