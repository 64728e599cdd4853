package th.or.depa.smartcity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
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
import th.or.depa.smartcity.ruleset.RuleFiles;
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
    protected void run(Bootstrap<SmartCityConfiguration> bootstrap, Namespace ns, SmartCityConfiguration config)
            throws IOException {
        ObjectMapper mapper = SmartCityApplication.configure(bootstrap.getObjectMapper().copy());
        String dir = ns.getString("file") == null && System.getenv("RULES_DIR") != null
                ? System.getenv("RULES_DIR") : config.getRules().getDir();
        PlanReader reader = new PlanReader(mapper, Provinces.load());
        CheckResult rules = new RuleSetChecker(reader, mapper).check(RuleFiles.readFolder(Path.of(dir)));
        if (!rules.isOk()) {
            rules.errors().forEach(e -> System.err.println(dir + "/" + e));
            exit(2);
        }
        byte[] body;
        try {
            body = Files.readAllBytes(Path.of(ns.getString("plan")));
        } catch (IOException e) {
            System.err.println("cannot read " + ns.getString("plan") + ": " + e.getMessage());
            exit(2);
            return;
        }
        try {
            Evaluation result = new PlanEvaluator(Clock.systemUTC()).evaluate(rules.ruleSet(), null, reader.read(body));
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result));
            exit("PASS".equals(result.outcome()) ? 0 : 1);
        } catch (PlanFormatException e) {
            System.err.println(e.status() == 400 ? "the plan file is not JSON" : "the plan has format errors:");
            e.errors().forEach(fe -> System.err.println("  " + fe.field() + ": " + fe.message()));
            exit(2);
        }
    }

    /** Commands otherwise only exit 0 or 1; api.md gives evaluate three statuses. */
    private static void exit(int status) {
        System.out.flush();
        System.exit(status);
    }
}
