package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.RuleError;

import java.util.List;

/** A rule set that does not compile, breaks the sandbox or fails its rule tests: 422 with every error. */
public class RuleSetRefused extends RuntimeException {

    private final List<RuleError> errors;

    public RuleSetRefused(List<RuleError> errors) {
        super("the rule set was refused: " + errors.size() + " error(s)");
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}
