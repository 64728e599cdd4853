package th.or.depa.smartcity.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fallback a machine without PostgreSQL relies on, exercised even where the machine has one. */
class EmbeddedPostgresServerTest {

    @Test
    void theEmbeddedServerStartsAsTheTestUserAllowsAndKeepsThaiTextInANewDatabase() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgresServer.start()) {
            String admin = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            try (Connection c = DriverManager.getConnection(admin, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE embedded_probe ENCODING 'UTF8' TEMPLATE template0");
            }
            try (Connection c = DriverManager.getConnection(admin.replace("/postgres", "/embedded_probe"),
                    "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (name TEXT)");
                s.execute("INSERT INTO t VALUES ('ภูเก็ต')");
                ResultSet rs = s.executeQuery("SELECT name, current_setting('server_version_num')::int FROM t");
                assertTrue(rs.next());
                assertEquals("ภูเก็ต", rs.getString(1));
                assertTrue(rs.getInt(2) >= 150000, "PostgreSQL 15 or newer, was " + rs.getInt(2));
            }
        }
    }
}
