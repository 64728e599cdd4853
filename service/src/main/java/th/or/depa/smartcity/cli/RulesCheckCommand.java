package th.or.depa.smartcity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.ruleset.CheckResult;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.ruleset.RuleSetChecker;

/**
 * rules-check DIR: what the service would do with a rules folder (compile, sandbox, rule tests), without it.
 * Prints every error as DIR/file:line: message; exit 0 when all is well, 1 otherwise.
 */
public class RulesCheckCommand extends Command {

    public RulesCheckCommand() {
        super("rules-check", "Compile a rules folder, apply the sandbox and run its rule tests");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("dir").help("the rules folder to check");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) {
        Cli.exit(check(ns.getString("dir"), bootstrap.getObjectMapper(), System.out, System.err));
    }

    /** The exit status: 0 when the folder would be accepted, 1 otherwise. */
    public static int check(String dir, ObjectMapper mapper, PrintStream out, PrintStream err) {
        CheckResult result;
        try {
            result = new RuleSetChecker(new PlanReader(mapper, Provinces.load()), mapper)
                    .check(RuleFiles.readFolder(Path.of(dir)));
        } catch (RuntimeException e) {
            err.println(dir + ": " + e.getMessage());
            return 1;
        }
        if (result.isOk()) {
            out.println(dir + ": ok, " + result.ruleSet().criteria().size() + " criteria, sha256 "
                    + result.ruleSet().sha256());
            return 0;
        }
        result.errors().forEach(e -> err.println(dir + "/" + e));
        err.println(dir + ": " + result.errors().size() + " error(s)");
        return 1;
    }
}
