package th.or.depa.smartcity.facts;

/** One entry of finance.sources; a missing amount is null. */
public record Funding(String source, Double amount) {
}
