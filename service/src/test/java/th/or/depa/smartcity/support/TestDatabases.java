package th.or.depa.smartcity.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases for tests: a fresh H2 file under target/, or a fresh PostgreSQL database on the local server
 * (PG_ADMIN_URL, default jdbc:postgresql://127.0.0.1:5432/postgres as user postgres, trust auth).
 */
public final class TestDatabases {

    public static final String PG_ADMIN_URL = System.getenv().getOrDefault("PG_ADMIN_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String PG_USER = System.getenv().getOrDefault("PG_USER", "postgres");

    private TestDatabases() {
    }

    public static String freshH2() {
        return "jdbc:h2:file:./target/test-db/" + UUID.randomUUID();
    }

    /** Creates an empty database for this run and returns its JDBC URL. */
    public static String freshPostgres() {
        String name = "smartcity_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for the tests (" + PG_ADMIN_URL
                    + "); start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start", e);
        }
        return PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public static String user(String url) {
        return url.startsWith("jdbc:postgresql:") ? PG_USER : "sa";
    }
}
