package th.or.depa.smartcity.ruleset;

import io.dropwizard.jackson.Jackson;
import java.nio.file.Path;
import th.or.depa.smartcity.engine.CompiledRuleCache;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.engine.RunLimits;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;

/**
 * Run by the build (service/pom.xml, prepare-package): checks the bundled rules as the service does at start, with
 * the default run limits, into target/classes/rule-cache, so that the jar carries their compiled classes and their
 * "tests passed" note (CompiledRuleCache). A first start with the same rules and this jar then neither compiles them
 * nor runs their tests; other rules, other limits or other code have other keys and are checked as before.
 * Arguments: the rules folder, the output folder.
 */
public final class BundledRuleCache {

    private BundledRuleCache() {
    }

    public static void main(String[] args) throws Exception {
        // no logging configuration outside the service: logback's default would print every rule run at DEBUG
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Path rules = Path.of(args[0]);
        Path out = Path.of(args[1]).toAbsolutePath();
        System.setProperty("smartcity.rulesCache", out.toString()); // before the cache reads where its folder is
        CompiledRuleCache.startBundle(out);
        var mapper = Jackson.newObjectMapper();
        CheckResult checked = new RuleSetChecker(new PlanReader(mapper, Provinces.load()), mapper, RunLimits.DEFAULT)
                .check(RuleFiles.readFolder(rules));
        // a refused rule set ships no note: the service reports it at start, and BundledRulesTest fails the build's tests
        System.out.println("bundled rules " + rules + (checked.isOk() ? ": compiled and tested into " + out
                : ": refused, nothing bundled but what compiled: " + checked.errors()));
    }
}
