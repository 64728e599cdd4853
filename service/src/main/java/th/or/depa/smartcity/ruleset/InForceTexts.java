package th.or.depa.smartcity.ruleset;

import java.util.function.Supplier;
import th.or.depa.smartcity.evaluation.Texts;

/**
 * The words of the rule set in force (rules/texts): reports and pages ask on every rendering, so the labels of a
 * rule set show as soon as it goes in force. Texts are read once per rule set.
 */
public final class InForceTexts implements Supplier<Texts> {

    private final RuleSets ruleSets;

    public InForceTexts(RuleSets ruleSets) {
        this.ruleSets = ruleSets;
    }

    @Override
    public Texts get() {
        return Texts.of(ruleSets.inForce().rules().files());
    }
}
