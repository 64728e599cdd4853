package db.migration;

import com.fasterxml.jackson.core.JsonFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import th.or.depa.smartcity.evaluation.Verdict;
import th.or.depa.smartcity.store.CriterionStatuses;

/**
 * evaluations.criterion_statuses: each criterion's status of an evaluation as its own small column, written with
 * every evaluation from now on, so that impact analysis reads a few hundred bytes per plan instead of the 12 KB
 * evaluation document (issue 18). Rows already stored get it here, read out of their document the way impact
 * analysis read it before; in Java because neither database can read the document the same way on both. Keyset
 * batches: 100,000 documents never sit in memory at once.
 */
public class V15__evaluation_criterion_statuses extends BaseJavaMigration {

    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE evaluations ADD COLUMN criterion_statuses TEXT");
        }
        JsonFactory json = new JsonFactory();
        try (PreparedStatement select = c.prepareStatement("SELECT id, result FROM evaluations WHERE id > ? "
                + "ORDER BY id LIMIT " + BATCH);
             PreparedStatement update = c.prepareStatement(
                     "UPDATE evaluations SET criterion_statuses = ? WHERE id = ?")) {
            String after = "";
            for (int read = BATCH; read == BATCH; ) {
                read = 0;
                select.setString(1, after);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        after = rows.getString(1);
                        update.setString(1, CriterionStatuses.write(Verdict.ofStored(json, rows.getString(2))
                                .statuses()));
                        update.setString(2, after);
                        update.addBatch();
                        read++;
                    }
                }
                if (read > 0) {
                    update.executeBatch();
                }
            }
        }
    }
}
