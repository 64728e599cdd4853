package th.or.depa.smartcity.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.api.Trigger;

/**
 * H2's half of migration V14: after each row updated or deleted in tokens or users, the revocation counter goes up in
 * the same transaction (PostgreSQL does this once per statement with a PL/pgSQL trigger). H2 runs it in the process that holds the
 * file, for a command connected through AUTO_SERVER too. The class name is stored in the database: keep it.
 */
public final class TokenEpochTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.executeUpdate("UPDATE auth_epoch SET n = n + 1 WHERE id = 1");
        }
    }
}
