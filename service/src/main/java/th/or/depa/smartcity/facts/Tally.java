package th.or.depa.smartcity.facts;

/** The count of a review round's votes at CLOSE_VOTE (workflow.md, Tally), inserted by the tally rule. */
public record Tally(String body, int members, int present, int recused, int approve, int reject, int abstain,
                    String chairVote, boolean quorumMet) {
}
