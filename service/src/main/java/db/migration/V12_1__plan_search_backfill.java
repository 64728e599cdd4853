package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import th.or.depa.smartcity.store.SearchText;

/**
 * Fills plans.search_text (V12) for rows written before it existed. In Java, not SQL: neither H2 nor PostgreSQL has a
 * built-in accent folding that matches SearchText's, and the column must hold exactly what new rows get. Runs once,
 * in the migration's transaction, for the server and the commands alike.
 */
public class V12_1__plan_search_backfill extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        var connection = context.getConnection();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT id, city, city_th, reference, organisation FROM plans");
             PreparedStatement update = connection.prepareStatement("UPDATE plans SET search_text = ? WHERE id = ?")) {
            int pending = 0;
            while (rows.next()) {
                update.setString(1, SearchText.of(rows.getString("city"), rows.getString("city_th"),
                        rows.getString("reference"), rows.getString("organisation")));
                update.setString(2, rows.getString("id"));
                update.addBatch();
                if (++pending == 500) {
                    update.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
    }
}
