package th.or.depa.smartcity.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.UnknownOrganisation;
import th.or.depa.smartcity.auth.UserService;
import th.or.depa.smartcity.history.RecordKeeping;
import th.or.depa.smartcity.store.Databases;

/** add-user: creates a user and prints its bearer token as the last line (shown once; only its hash is kept). */
public class AddUserCommand extends ConfiguredCommand<SmartCityConfiguration> {

    public AddUserCommand() {
        super("add-user", "Create a user and print its bearer token");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--name").required(true).help("the user's name");
        subparser.addArgument("--role").required(true).help("CITY, OFFICE, COMMITTEE, REVIEWER or ADMIN");
        subparser.addArgument("--org").help("the registered organisation (add-organisation) a CITY user acts for");
        subparser.addArgument("--body").help("SUBCOMMITTEE or COMMITTEE, for a COMMITTEE user");
        subparser.addArgument("--chair").action(Arguments.storeTrue()).help("this member chairs the body");
    }

    /**
     * Runs add-user without Dropwizard's bootstrap (cli/LightStart) when args are an ordinary add-user: true when it
     * ran. False for anything else (help, a bad argument, another command): the caller runs the application.
     */
    public static boolean runLight(String[] args) throws Exception {
        AddUserCommand command = new AddUserCommand();
        Namespace ns = LightStart.arguments(command, args);
        if (ns == null) {
            return false;
        }
        SmartCityConfiguration config = LightStart.configuration(ns.getString("file"));
        try (java.sql.Connection open = Cli.keepOpen(config)) {
            command.run(null, ns, config);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage()); // the refusal itself was printed above it, field by field
            Cli.exit(1);
        }
        return true;
    }

    @Override
    protected void run(Bootstrap<SmartCityConfiguration> bootstrap, Namespace ns, SmartCityConfiguration config) {
        String name = ns.getString("name");
        String role = ns.getString("role");
        String org = ns.getString("org");
        String body = ns.getString("body");
        boolean chair = Boolean.TRUE.equals(ns.getBoolean("chair"));
        Map<String, String> problems = UserService.problems(name, role, org, body, chair);
        if (!problems.isEmpty()) {
            problems.forEach((f, m) -> System.err.println("--" + f + ": " + m));
            throw new IllegalArgumentException("the user was not created");
        }
        Jdbi jdbi = Cli.jdbi(config);
        var record = config.getRecord();
        UserService.Created created;
        try {
            created = new UserService(jdbi,
                    RecordKeeping.open(jdbi, record.getKey(), record.getKeyFile(), Cli.clock(config)), Cli.clock(config))
                    .create(name, Role.valueOf(role), org, body, chair);
        } catch (UnknownOrganisation e) {
            System.err.println("--org: " + e.en());
            System.err.println("--org: " + e.th());
            throw new IllegalArgumentException("the user was not created: organisation " + org + " is not registered");
        }
        System.out.println("created " + role + " user " + created.user().id() + " (" + name + ")");
        System.out.println(created.token());
    }
}
