package th.or.depa.smartcity.engine;

import java.util.List;

/** Either a rule set ready to serve, or the reasons it was refused. */
public record CompileResult(CompiledRuleSet ruleSet, List<RuleError> errors) {

    public static CompileResult failed(List<RuleError> errors) {
        return new CompileResult(null, List.copyOf(errors));
    }

    public static CompileResult ok(CompiledRuleSet ruleSet) {
        return new CompileResult(ruleSet, List.of());
    }

    public boolean isOk() {
        return ruleSet != null;
    }
}
