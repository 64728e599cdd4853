package th.or.depa.smartcity.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.history.RecordKeeping;
import th.or.depa.smartcity.organisation.OrganisationKind;
import th.or.depa.smartcity.organisation.OrganisationRefused;
import th.or.depa.smartcity.organisation.Organisations;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.store.OrganisationRow;

/**
 * add-organisation: registers an organisation (the same checks as POST /api/organisations) so that a fresh deployment
 * can add its CITY users before any ADMIN token exists. Prints the id as the last line; refusals go to stderr, exit 1.
 */
public class AddOrganisationCommand extends ConfiguredCommand<SmartCityConfiguration> {

    public AddOrganisationCommand() {
        super("add-organisation", "Register an organisation that CITY users act for");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--id").required(true).help("lower-case letters, digits and hyphens, 2 to 64");
        subparser.addArgument("--name-th").dest("nameTh").required(true).help("the name in Thai");
        subparser.addArgument("--name-en").dest("nameEn").required(true).help("the name in English");
        subparser.addArgument("--province").required(true).help("one of provinces.csv, in English or Thai");
        subparser.addArgument("--kind").required(true).help(OrganisationKind.listed());
    }

    @Override
    protected void run(Bootstrap<SmartCityConfiguration> bootstrap, Namespace ns, SmartCityConfiguration config) {
        Jdbi jdbi = Cli.jdbi(config);
        var record = config.getRecord();
        Organisations organisations = new Organisations(jdbi, Provinces.load(),
                RecordKeeping.open(jdbi, record.getKey(), record.getKeyFile(), Cli.clock(config)), Cli.clock(config));
        OrganisationRow row;
        try {
            row = organisations.create(null, new Organisations.Fields(ns.getString("id"), ns.getString("nameTh"),
                    ns.getString("nameEn"), ns.getString("province"), ns.getString("kind")));
        } catch (OrganisationRefused e) {
            e.problems().forEach(p -> System.err.println("--" + option(p.field()) + ": " + p.en() + " / " + p.th()));
            throw new IllegalArgumentException("the organisation was not registered");
        }
        System.out.println("registered organisation " + row.id() + " (" + row.nameEn() + ", " + row.province() + ")");
        System.out.println(row.id());
    }

    /** nameTh -> name-th: refusals name the option the user typed. */
    private static String option(String field) {
        return field.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }
}
