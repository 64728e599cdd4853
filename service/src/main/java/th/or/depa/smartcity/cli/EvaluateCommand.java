package th.or.depa.smartcity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.plan.PlanFormatException;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.ruleset.CheckResult;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.ruleset.RuleSetChecker;

/**
 * evaluate PLAN.json [config.yml]: the evaluation of a plan file under the rules folder, without a database.
 * Exit 0 for PASS, 1 for FAIL, 2 for a format error or rules that do not load.
 */
public class EvaluateCommand extends ConfiguredCommand<SmartCityConfiguration> {

    public EvaluateCommand() {
        super("evaluate", "Evaluate a plan file with the rules folder (no database)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("plan").help("the plan, a JSON file as POST /api/plans takes");
        super.configure(subparser); // then the optional config file
    }

    @Override
    protected void run(Bootstrap<SmartCityConfiguration> bootstrap, Namespace ns, SmartCityConfiguration config) {
        String dir = ns.getString("file") == null && System.getenv("RULES_DIR") != null
                ? System.getenv("RULES_DIR") : config.getRules().getDir();
        ObjectMapper mapper = SmartCityApplication.configure(bootstrap.getObjectMapper().copy());
        Cli.exit(evaluate(Path.of(ns.getString("plan")), dir, mapper, System.out, System.err));
    }

    /** The exit status: 0 PASS, 1 FAIL, 2 format error or unusable rules. */
    public static int evaluate(Path planFile, String dir, ObjectMapper mapper, PrintStream out, PrintStream err) {
        PlanReader reader = new PlanReader(mapper, Provinces.load());
        CheckResult rules;
        try {
            rules = new RuleSetChecker(reader, mapper).check(RuleFiles.readFolder(Path.of(dir)));
        } catch (RuntimeException e) {
            err.println(dir + ": " + e.getMessage());
            return 2;
        }
        if (!rules.isOk()) {
            rules.errors().forEach(e -> err.println(dir + "/" + e));
            return 2;
        }
        try {
            byte[] body = Files.readAllBytes(planFile);
            Evaluation result = new PlanEvaluator(Clock.systemUTC()).evaluate(rules.ruleSet(), null, reader.read(body));
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            return "PASS".equals(result.outcome()) ? 0 : 1;
        } catch (IOException e) {
            err.println("cannot read " + planFile + ": " + e.getMessage());
            return 2;
        } catch (PlanFormatException e) {
            err.println(e.status() == 400 ? planFile + " is not JSON" : planFile + " has format errors:");
            e.errors().forEach(fe -> err.println("  " + fe.field() + ": " + fe.message()));
            return 2;
        }
    }
}
