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

    /**
     * The newest migration under db/migration (Flyway's version: V13__... is "13"): a database that has it applied
     * needs no Flyway start, which costs a short command about as much as its own work. CliTest keeps it up to date.
     */
    static final String LATEST_MIGRATION = "15";

    static Jdbi jdbi(SmartCityConfiguration config) {
        var db = Databases.prepare(config.getDatabase());
        Jdbi jdbi = Jdbi.create(db.getUrl(), db.getUser(), db.getPassword()).installPlugin(new SqlObjectPlugin());
        if (!migrated(jdbi)) {
            Databases.migrate(db);
        }
        return jdbi;
    }

    /** True when the newest migration is applied (false too when there is no schema yet, or it cannot be read). */
    static boolean migrated(Jdbi jdbi) {
        try {
            return jdbi.withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE version = :v AND success")
                    .bind("v", LATEST_MIGRATION).mapTo(Integer.class).one()) > 0;
        } catch (org.jdbi.v3.core.JdbiException noSchemaYet) {
            return false;
        }
    }

    /**
     * An embedded H2 database closes with its last connection, and the command's steps each take one: a connection
     * held for the whole command keeps it open, instead of opening the file five times. Null for other databases.
     */
    static java.sql.Connection keepOpen(SmartCityConfiguration config) throws java.sql.SQLException {
        var db = Databases.prepare(config.getDatabase());
        return Databases.isH2(db.getUrl())
                ? java.sql.DriverManager.getConnection(db.getUrl(), db.getUser(), db.getPassword()) : null;
    }

    /** The service's clock as the configuration sets it (CLOCK_OFFSET included), so a command on a rehearsal copy agrees. */
    static java.time.Clock clock(SmartCityConfiguration config) {
        return th.or.depa.smartcity.ServiceClock.of(java.time.Clock.systemUTC(), config.getClockOffset());
    }
}
