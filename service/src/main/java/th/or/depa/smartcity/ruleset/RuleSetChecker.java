package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import th.or.depa.smartcity.plan.PlanReader;

/** Everything a rule set must pass before it may serve: it compiles, and its own rule tests pass. */
public final class RuleSetChecker {

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final PlanReader reader;
    private final ObjectMapper mapper;

    public RuleSetChecker(PlanReader reader, ObjectMapper mapper) {
        this.reader = reader;
        this.mapper = mapper;
    }

    public CheckResult check(RuleFiles files) {
        CompileResult compiled = compiler.compile(files);
        if (!compiled.isOk()) {
            return new CheckResult(null, compiled.errors());
        }
        List<RuleError> errors = new ArrayList<>();
        for (RuleTests.CaseResult r : RuleTests.run(compiled.ruleSet(), reader, mapper)) {
            if (r.failure() != null) {
                errors.add(new RuleError(r.file(), 0, "rule test \"" + r.note() + "\" failed: " + r.failure()));
            }
        }
        return new CheckResult(errors.isEmpty() ? compiled.ruleSet() : null, errors);
    }
}
