package th.or.depa.smartcity.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.history.RecordCheck;
import th.or.depa.smartcity.history.RecordKeeping;
import th.or.depa.smartcity.history.RecordKey;
import th.or.depa.smartcity.history.UserLog;
import th.or.depa.smartcity.store.EventDao;

/**
 * verify-record [config.yml]: checks every plan's record and the users' record with the record key; exit 1 naming
 * each record and the first event that fails, 2 when the key is missing or is not the record's.
 */
public class VerifyRecordCommand extends ConfiguredCommand<SmartCityConfiguration> {

    public VerifyRecordCommand() {
        super("verify-record", "Verify the tamper-evident record of every plan and of the users");
    }

    @Override
    protected void run(Bootstrap<SmartCityConfiguration> bootstrap, Namespace ns, SmartCityConfiguration config) {
        Jdbi jdbi = Cli.jdbi(config);
        RecordKey key;
        try {
            key = RecordKeeping.existing(jdbi, config.getRecord().getKey(), config.getRecord().getKeyFile());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println(e.getMessage());
            Cli.exit(2);
            return;
        }
        Cli.exit(verify(jdbi, key, System.out, System.err));
    }

    /** 0 when every record verifies; 1 otherwise, each broken record named with its first failing event on err. */
    public static int verify(Jdbi jdbi, RecordKey key, PrintStream out, PrintStream err) {
        List<String> ids = jdbi.withHandle(h -> h.createQuery("SELECT id FROM plans ORDER BY id").mapTo(String.class).list());
        EventLog log = new EventLog(key);
        int broken = 0;
        for (String id : ids) {
            // one snapshot per plan: a concurrent append by the running service is not tampering
            RecordCheck check = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ,
                    h -> log.check(h.attach(EventDao.class), id));
            if (!check.ok()) {
                err.println(check.describe("plan " + id));
                broken++;
            }
        }
        RecordCheck users = jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> new UserLog(key).check(h));
        if (!users.ok()) {
            err.println(users.describe("users' record"));
        }
        out.println(ids.size() + " plans checked, " + broken + " with a changed record; the users' record "
                + (users.ok() ? "verifies" : "was changed"));
        return broken == 0 && users.ok() ? 0 : 1;
    }
}
