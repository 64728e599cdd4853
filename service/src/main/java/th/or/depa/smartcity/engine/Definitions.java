package th.or.depa.smartcity.engine;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.Pattern;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import th.or.depa.smartcity.facts.Criterion;

/**
 * The criterion definitions (rules with nothing to match that only insert a {@link Criterion}) give the same facts in
 * every session, and {@link CompiledRuleSet} has read them once already. Evaluations skip them, which is safe only
 * while no rule of the KieBase reads a Criterion; if one does, nothing is skipped.
 */
final class Definitions {

    private Definitions() {
    }

    /** The labels of the rules an evaluation may skip: none when a rule reads a Criterion. */
    static Set<String> skippable(RuleBase rules, RuleRun planless) {
        Set<String> onlyDefine = planless.fired().stream().filter(rule -> {
            List<Object> inserted = planless.inserted().stream().filter(i -> i.rule().equals(rule))
                    .map(RuleRun.Inserted::fact).toList();
            return !inserted.isEmpty() && inserted.stream().allMatch(Criterion.class::isInstance);
        }).collect(Collectors.toUnmodifiableSet());
        return readsCriterion(rules.kieBase()) ? Set.of() : onlyDefine;
    }

    private static boolean readsCriterion(KieBase kieBase) {
        return kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream())
                .anyMatch(r -> r instanceof RuleImpl impl && reads(impl.getLhs().getNestedElements()));
    }

    private static boolean reads(List<? extends RuleConditionElement> elements) {
        for (RuleConditionElement e : elements) {
            if (e instanceof Pattern p && p.getObjectType() != null && p.getObjectType().isAssignableFrom(Criterion.class)) {
                return true;
            }
            if (reads(e.getNestedElements())) {
                return true;
            }
        }
        return false;
    }
}
