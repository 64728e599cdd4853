package th.or.depa.smartcity.workflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import th.or.depa.smartcity.engine.CompileResult;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RuleSetCompiler;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.ruleset.RuleSets;

/** The bundled rules folder compiled once per test class, as the workflow rule tests ask it. */
record BundledWorkflowRules(RuleSets.InForce rules, Texts texts) {

    static BundledWorkflowRules compile() {
        CompileResult r = new RuleSetCompiler().compile(RuleFiles.readFolder(Path.of("../rules")));
        assertTrue(r.isOk(), r.errors().toString());
        return new BundledWorkflowRules(new RuleSets.InForce(1, r.ruleSet()), Texts.of(r.ruleSet().files()));
    }
}
