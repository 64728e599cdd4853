package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.CompiledRuleCache;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;
import th.or.depa.smartcity.engine.RunLimits;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.PlanReader;

/** Everything a rule set must pass before it may serve: it compiles, and its own rule tests pass. */
public final class RuleSetChecker {

    private final RuleSetCompiler compiler;
    private final String limits;
    private final PlanReader reader;
    private final ObjectMapper mapper;

    public RuleSetChecker(PlanReader reader, ObjectMapper mapper) {
        this(reader, mapper, RunLimits.DEFAULT);
    }

    public RuleSetChecker(PlanReader reader, ObjectMapper mapper, RunLimits limits) {
        this.reader = reader;
        this.mapper = mapper;
        this.compiler = new RuleSetCompiler(limits);
        this.limits = limits.toString(); // a pass under looser limits says nothing about these
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
        // the words: every template parses, each in both languages, every criterion has a title, every refusal a reason
        Texts texts = Texts.of(files);
        List<RuleError> errors = new ArrayList<>(texts.errors());
        errors.addAll(texts.check(compiled.ruleSet().criteria()));
        errors.addAll(texts.check(compiled.ruleSet().renewalCriteria()));
        errors.addAll(texts.checkRefusals(files));
        if (!errors.isEmpty()) {
            return new CheckResult(null, errors);
        }
        Optional<TestCounts> passed = CompiledRuleCache.testsPassed(files, limits).flatMap(TestCounts::parse);
        if (passed.isPresent()) {
            return new CheckResult(compiled.ruleSet(), List.of(), passed.get()); // these very files passed with this build
        }
        Set<String> templatesReported = new HashSet<>();
        List<RuleTests.CaseResult> results = RuleTests.run(compiled.ruleSet(), reader, mapper, onStep);
        for (RuleTests.CaseResult r : results) {
            if (r.template() != null) {
                // a template the rule cannot fill: its file and line, once, with the case that found it
                if (templatesReported.add(r.template().file() + ":" + r.template().line() + r.template().message())) {
                    errors.add(new RuleError(r.template().file(), r.template().line(), r.template().message()
                            + " (found by rule test " + r.file() + ":" + r.line() + ")"));
                }
            }
            if (r.failure() != null) {
                errors.add(new RuleError(r.file(), r.line(), "rule test \"" + r.note() + "\" failed: " + r.failure()));
            }
        }
        if (errors.isEmpty()) {
            CompiledRuleCache.markTestsPassed(files, limits, TestCounts.of(results).summary());
        }
        return new CheckResult(errors.isEmpty() ? compiled.ruleSet() : null, errors, TestCounts.of(results));
    }
}
