package th.or.depa.smartcity.cli;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.store.Databases;

/** What commands share: the same database the service uses (migrated), without starting the server. */
final class Cli {

    private Cli() {
    }

    static Jdbi jdbi(SmartCityConfiguration config) {
        var db = Databases.prepare(config.getDatabase());
        Databases.migrate(db);
        return Jdbi.create(db.getUrl(), db.getUser(), db.getPassword()).installPlugin(new SqlObjectPlugin());
    }
}
