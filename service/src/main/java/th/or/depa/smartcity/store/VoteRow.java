package th.or.depa.smartcity.store;

import java.time.Instant;

/** A vote or recusal of one member in one review round of a plan. */
public record VoteRow(String planId, int reviewRound, String body, String memberId, String vote, boolean recused,
                      String comment, Instant castAt) {
}
