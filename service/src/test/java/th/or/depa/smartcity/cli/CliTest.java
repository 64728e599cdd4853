package th.or.depa.smartcity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestDatabases;

/** What short commands skip and why it is safe: Flyway only when the newest migration is applied. */
class CliTest {

    @Test
    void theNewestMigrationIsTheOneCommandsLookFor() throws IOException {
        String newest;
        try (Stream<Path> sql = Files.list(Path.of("src/main/resources/db/migration"));
             Stream<Path> java = Files.list(Path.of("src/main/java/db/migration"))) {
            newest = Stream.concat(sql, java).map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V[0-9_]+__.*")).map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .max(Comparator.comparing(BigDecimal::new)).orElseThrow();
        }
        assertEquals(newest, Cli.LATEST_MIGRATION, "a new migration: set Cli.LATEST_MIGRATION to its version");
    }

    @Test
    void aFreshDatabaseIsMigratedAndThenRecognisedAsCurrent() {
        SmartCityConfiguration config = new SmartCityConfiguration();
        config.getDatabase().setUrl(TestDatabases.freshH2());
        config.getDatabase().setUser("sa");
        assertFalse(Cli.migrated(Jdbi.create(config.getDatabase().getUrl() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "sa", "")), "no schema yet");
        Jdbi jdbi = Cli.jdbi(config);
        assertTrue(Cli.migrated(jdbi));
        int plans = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM plans").mapTo(Integer.class).one());
        assertEquals(0, plans);
    }

    @Test
    void addUserRunsWithoutTheApplicationsBootstrapAndPrintsTheTokenLast() throws Exception {
        String url = TestDatabases.freshH2();
        Path config = Files.createTempFile(Path.of("target"), "add-user", ".yml");
        Files.writeString(config, Files.readString(Path.of("src/test/resources/test-config.yml"))
                .replace("url: jdbc:h2:file:./target/test-db/default", "url: " + url));
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        boolean ran;
        try {
            ran = AddUserCommand.runLight(new String[] {"add-user", "--name", "ผู้ดูแล", "--role", "ADMIN",
                config.toString()});
        } finally {
            System.setOut(stdout);
        }
        assertTrue(ran);
        String[] lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).strip().split("\n");
        String token = lines[lines.length - 1];
        // the log may share standard output (another test in this JVM may have set a console appender)
        assertTrue(java.util.Arrays.stream(lines).anyMatch(l -> l.startsWith("created ADMIN user ")), String.join("\n", lines));
        Jdbi jdbi = Jdbi.create(url + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
        String name = jdbi.withHandle(h -> h.createQuery("SELECT u.name FROM users u JOIN tokens t ON t.user_id = u.id "
                + "WHERE t.token_hash = :h").bind("h", th.or.depa.smartcity.auth.Tokens.hash(token))
                .mapTo(String.class).one());
        assertEquals("ผู้ดูแล", name);
    }

    @Test
    void anythingButAnOrdinaryAddUserGoesTheDropwizardWay() throws Exception {
        assertFalse(AddUserCommand.runLight(new String[] {"add-user", "--help"}));
        assertFalse(AddUserCommand.runLight(new String[] {"add-user", "--role", "ADMIN"}), "--name is missing");
        assertFalse(AddUserCommand.runLight(new String[] {"server", "config.yml"}));
        assertFalse(AddUserCommand.runLight(new String[] {}));
    }
}
