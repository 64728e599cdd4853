package th.or.depa.smartcity.cli;

import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.ruleset.RuleWorkerMain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import th.or.depa.smartcity.engine.RuleFiles;

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
        RuleWorkerMain.Checked result;
        try {
            // the folder is not in force: its code runs in a worker JVM, bounded like a proposal's
            result = SmartCityApplication.workers(new SmartCityConfiguration.RulesSettings(), mapper)
                    .check(RuleFiles.readFolder(Path.of(dir)));
        } catch (RuntimeException e) {
            err.println(dir + ": " + e.getMessage());
            return 1;
        }
        if (result.isOk()) {
            out.println(dir + ": ok, " + result.criteria() + " criteria, sha256 " + result.sha256());
            return 0;
        }
        result.errors().forEach(e -> err.println(dir + "/" + e));
        err.println(dir + ": " + result.errors().size() + " error(s)");
        return 1;
    }
}
