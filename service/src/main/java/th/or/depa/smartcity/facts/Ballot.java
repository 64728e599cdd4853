package th.or.depa.smartcity.facts;

/** A vote cast in the current review round: APPROVE, REJECT or ABSTAIN, or a recusal (vote null). */
public record Ballot(String memberId, String vote, boolean recused) {
}
