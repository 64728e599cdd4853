package th.or.depa.smartcity.workflow;

import th.or.depa.smartcity.facts.Tally;
import th.or.depa.smartcity.facts.Verdict;

/** The tally as api.md shows it in the answer to CLOSE_VOTE and stores with the TALLY event. */
public record TallyView(String body, int members, int present, int recused, int approve, int reject, int abstain,
                        String chairVote, boolean quorumMet, String result) {

    static TallyView of(Tally t, Verdict v) {
        return new TallyView(t.body(), t.members(), t.present(), t.recused(), t.approve(), t.reject(), t.abstain(),
                t.chairVote(), t.quorumMet(), v == null ? null : v.result());
    }
}
