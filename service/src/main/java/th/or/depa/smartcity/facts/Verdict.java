package th.or.depa.smartcity.facts;

/** What the tally decided: APPROVED or REJECTED. */
public record Verdict(String result) {
}
