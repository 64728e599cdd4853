package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleError;

import java.util.List;

/**
 * A rule set that compiled, passed the sandbox and its own rule tests, or the errors that stopped it; tests counts
 * the rule tests run (null when it did not get that far).
 */
public record CheckResult(CompiledRuleSet ruleSet, List<RuleError> errors, TestCounts tests) {

    public CheckResult(CompiledRuleSet ruleSet, List<RuleError> errors) {
        this(ruleSet, errors, null);
    }

    public boolean isOk() {
        return ruleSet != null && errors.isEmpty();
    }
}
