package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;
import th.or.depa.smartcity.engine.RunLimits;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import th.or.depa.smartcity.plan.PlanReader;

/** Everything a rule set must pass before it may serve: it compiles, and its own rule tests pass. */
public final class RuleSetChecker {

    private final RuleSetCompiler compiler;
    private final PlanReader reader;
    private final ObjectMapper mapper;

    public RuleSetChecker(PlanReader reader, ObjectMapper mapper) {
        this(reader, mapper, RunLimits.DEFAULT);
    }

    public RuleSetChecker(PlanReader reader, ObjectMapper mapper, RunLimits limits) {
        this.reader = reader;
        this.mapper = mapper;
        this.compiler = new RuleSetCompiler(limits);
    }

    public CheckResult check(RuleFiles files) {
        return check(files, step -> { });
    }

    /** As above, telling onStep what it starts (the compile, each rule test), for a worker's progress. */
    public CheckResult check(RuleFiles files, java.util.function.Consumer<String> onStep) {
        onStep.accept("compiling the rule files");
        CompileResult compiled = compiler.compile(files);
        if (!compiled.isOk()) {
            return new CheckResult(null, compiled.errors());
        }
        List<RuleError> errors = new ArrayList<>();
        List<RuleTests.CaseResult> results = RuleTests.run(compiled.ruleSet(), reader, mapper, onStep);
        for (RuleTests.CaseResult r : results) {
            if (r.failure() != null) {
                errors.add(new RuleError(r.file(), 0, "rule test \"" + r.note() + "\" failed: " + r.failure()));
            }
        }
        return new CheckResult(errors.isEmpty() ? compiled.ruleSet() : null, errors, TestCounts.of(results));
    }
}
