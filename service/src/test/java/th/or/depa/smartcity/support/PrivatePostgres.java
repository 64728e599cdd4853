package th.or.depa.smartcity.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL cluster of the test's own (Debian's pg_createcluster, trust authentication on 127.0.0.1), so that a
 * test may stop and start its server without touching the shared cluster on 5432 that other tests use. Created if
 * missing, started, given an empty database; stopped and dropped after the class. Where the cluster tools are
 * missing or the cluster cannot be made (not root, port taken) the test class is skipped, saying why.
 */
public final class PrivatePostgres implements BeforeAllCallback, AfterAllCallback {

    private final String cluster;
    private final int port;
    private final String database;
    private String version;

    public PrivatePostgres(String cluster, int port, String database) {
        this.cluster = cluster;
        this.port = port;
        this.database = database;
    }

    /** The JDBC URL of the test database, with driver options such as connectTimeout. */
    public String url(String options) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + (options.isEmpty() ? "" : "?" + options);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        version = latestVersion();
        Assumptions.assumeTrue(version != null && Files.isExecutable(Path.of("/usr/bin/pg_createcluster")),
                "needs PostgreSQL's cluster tools (pg_createcluster, pg_ctlcluster) to run a private cluster");
        try {
            if (!Files.isDirectory(Path.of("/etc/postgresql", version, cluster))) {
                run("pg_createcluster", version, cluster, "-p", String.valueOf(port), "--", "--auth=trust");
            }
            start();
        } catch (IllegalStateException cannot) { // e.g. not root, or the port taken: say so rather than fail
            Assumptions.abort("cannot run a private PostgreSQL cluster here: " + cannot.getMessage());
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (version != null) {
            run("pg_dropcluster", "--stop", version, cluster);
        }
    }

    /** A fast shutdown, as an operator or a crash of the host would leave it: open connections are cut. */
    public void stop() throws Exception {
        run("pg_ctlcluster", "--skip-systemctl-redirect", "-m", "fast", version, cluster, "stop");
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() throws Exception {
        if (!isUp()) {
            run("pg_ctlcluster", "--skip-systemctl-redirect", version, cluster, "start");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!isUp()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cluster " + version + "/" + cluster + " did not come up on " + port);
            }
            Thread.sleep(100); // nothing to wait on but the port
        }
    }

    public boolean isUp() {
        try (Connection c = connect("postgres")) {
            return c.isValid(2);
        } catch (SQLException down) {
            return false;
        }
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?connectTimeout=2",
                "postgres", "");
    }

    private static String latestVersion() throws IOException {
        Path etc = Path.of("/etc/postgresql");
        if (!Files.isDirectory(etc)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(etc)) {
            return versions.map(p -> p.getFileName().toString()).filter(v -> v.matches("\\d+"))
                    .max(Comparator.comparingInt(Integer::parseInt)).orElse(null);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + ": no answer within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": " + out);
        }
    }
}
