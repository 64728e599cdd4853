package th.or.depa.smartcity.cli;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.store.Databases;

/** What commands share: the same database the service uses (migrated), without starting the server. */
final class Cli {

    private Cli() {
    }

    /** Dropwizard commands otherwise only end 0 or 1; evaluate and rules-check have statuses of their own. */
    static void exit(int status) {
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    static Jdbi jdbi(SmartCityConfiguration config) {
        var db = Databases.prepare(config.getDatabase());
        Databases.migrate(db);
        return Jdbi.create(db.getUrl(), db.getUser(), db.getPassword()).installPlugin(new SqlObjectPlugin());
    }

    /** The service's clock as the configuration sets it (CLOCK_OFFSET included), so a command on a rehearsal copy agrees. */
    static java.time.Clock clock(SmartCityConfiguration config) {
        return th.or.depa.smartcity.ServiceClock.of(java.time.Clock.systemUTC(), config.getClockOffset());
    }
}
