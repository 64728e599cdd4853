package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A revocation counter (issue 18): {@code auth_epoch.n} goes up in the same transaction as every UPDATE or DELETE
 * (and, on PostgreSQL, TRUNCATE) of {@code tokens} or {@code users}, whoever runs it (the service, a command, SQL by
 * hand), so an instance that keeps tokens in memory knows by reading one number whether anything that could take
 * access away has committed since (auth/RevocationEpoch). Inserts do not count: a new token or user is looked up when first seen. A Java
 * migration because the triggers differ: PL/pgSQL on PostgreSQL, a Java class on H2 (store/TokenEpochTrigger, which
 * runs in whichever process holds the H2 file, inside the changing transaction).
 */
public class V14__token_epoch extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        boolean postgres = "PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName());
        try (Statement s = context.getConnection().createStatement()) {
            s.execute("CREATE TABLE auth_epoch (id INT PRIMARY KEY CHECK (id = 1), n BIGINT NOT NULL)");
            s.execute("INSERT INTO auth_epoch (id, n) VALUES (1, 0)");
            if (postgres) {
                s.execute("CREATE FUNCTION bump_auth_epoch() RETURNS trigger LANGUAGE plpgsql AS $$ "
                        + "BEGIN UPDATE auth_epoch SET n = n + 1 WHERE id = 1; RETURN NULL; END $$");
                for (String table : new String[] {"tokens", "users"}) {
                    s.execute("CREATE TRIGGER " + table + "_epoch AFTER UPDATE OR DELETE OR TRUNCATE ON " + table
                            + " FOR EACH STATEMENT EXECUTE FUNCTION bump_auth_epoch()");
                }
            } else {
                for (String table : new String[] {"tokens", "users"}) {
                    // per row: H2 refuses a statement-level trigger's own statement in an autocommitted UPDATE
                    s.execute("CREATE TRIGGER " + table + "_epoch AFTER UPDATE, DELETE ON " + table
                            + " FOR EACH ROW CALL 'th.or.depa.smartcity.store.TokenEpochTrigger'");
                }
            }
        }
    }
}
