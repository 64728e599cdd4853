package db.migration;

import java.sql.DatabaseMetaData;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The big JSON columns (a plan's content, its 12 KB evaluation) compressed with lz4 instead of pglz on PostgreSQL 14
 * and later: the same ratio within a few per cent at a fraction of the CPU on every submission (issue 18). Only new
 * values use it; old ones stay readable as they are. A Java migration because the statement is PostgreSQL's alone:
 * on H2, or a PostgreSQL older than 14 or built without lz4, it records itself and does nothing.
 */
public class V13__lz4_json_columns extends BaseJavaMigration {

    private static final String[] COLUMNS = {"plan_revisions.content", "evaluations.result"};

    @Override
    public void migrate(Context context) throws Exception {
        DatabaseMetaData db = context.getConnection().getMetaData();
        if (!"PostgreSQL".equals(db.getDatabaseProductName()) || db.getDatabaseMajorVersion() < 14) {
            return;
        }
        try (Statement s = context.getConnection().createStatement()) {
            // a server built without lz4 lists only pglz: keep pglz there rather than fail the start
            try (var lz4 = s.executeQuery("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                    + "AND 'lz4' = ANY (enumvals)")) {
                if (!lz4.next()) {
                    return;
                }
            }
            for (String column : COLUMNS) {
                String[] tc = column.split("\\.");
                s.execute("ALTER TABLE " + tc[0] + " ALTER COLUMN " + tc[1] + " SET COMPRESSION lz4");
            }
        }
    }
}
