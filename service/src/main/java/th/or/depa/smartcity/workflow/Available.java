package th.or.depa.smartcity.workflow;

import java.util.List;
import java.util.Optional;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;

/**
 * What the rules would answer a user about one plan now, asked without writing anything: each action they do not
 * refuse with 403 for the user's role (allowed, or refused now with the rule's reason), the vote and the recusal
 * likewise, and the tally of the round so far when a body reviews the plan; renew: whether the city may send a
 * progress report now (asked as if it passed: the window and the state), for the page's link.
 */
public record Available(List<Option> actions, Optional<Option> vote, Optional<Option> revise, TallyView tally,
                        Optional<Option> renew) {

    /**
     * An action the user's role may take: reason is null when the rules would allow it now; needsComment: the
     * rules refuse it without a comment (422 naming comment).
     */
    public record Option(String action, Bilingual reason, boolean needsComment) {
        public boolean allowed() {
            return reason == null;
        }
    }

    public Optional<Option> action(String name) {
        return actions.stream().filter(o -> o.action().equals(name)).findFirst();
    }
}
