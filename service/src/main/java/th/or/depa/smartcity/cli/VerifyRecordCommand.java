package th.or.depa.smartcity.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.store.EventDao;

/** verify-record [config.yml]: checks every plan's hash chain; exit 1 naming the plans whose record was changed. */
public class VerifyRecordCommand extends ConfiguredCommand<SmartCityConfiguration> {

    public VerifyRecordCommand() {
        super("verify-record", "Verify the tamper-evident record of every plan");
    }

    @Override
    protected void run(Bootstrap<SmartCityConfiguration> bootstrap, Namespace ns, SmartCityConfiguration config) {
        Cli.exit(verify(Cli.jdbi(config), System.out, System.err));
    }

    /** 0 when every chain verifies; 1 otherwise, each broken plan named on standard error. */
    public static int verify(Jdbi jdbi, PrintStream out, PrintStream err) {
        List<String> ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM plans ORDER BY id").mapTo(String.class).list());
        EventDao events = jdbi.onDemand(EventDao.class);
        int broken = 0;
        for (String id : ids) {
            if (!EventLog.verify(events, id)) {
                err.println("plan " + id + ": the record was changed (hash chain broken)");
                broken++;
            }
        }
        out.println(ids.size() + " plans checked, " + broken + " with a changed record");
        return broken == 0 ? 0 : 1;
    }
}
