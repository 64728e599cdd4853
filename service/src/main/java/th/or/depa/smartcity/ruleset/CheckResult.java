package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleError;

import java.util.List;

/** A rule set that compiled, passed the sandbox and its own rule tests, or the errors that stopped it. */
public record CheckResult(CompiledRuleSet ruleSet, List<RuleError> errors) {

    public boolean isOk() {
        return ruleSet != null && errors.isEmpty();
    }
}
