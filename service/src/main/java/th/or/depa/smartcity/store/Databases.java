package th.or.depa.smartcity.store;

import io.dropwizard.db.DataSourceFactory;
import org.flywaydb.core.Flyway;

/** What the service needs of a configured database before anything connects: URL options, driver, schema. */
public final class Databases {

    /** H2 needs these to accept the shared SQL and to let a command use the file while the service runs. */
    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE";

    private Databases() {
    }

    public static boolean isH2(String url) {
        return url.startsWith("jdbc:h2:");
    }

    /** Adds the H2 options a bare URL lacks (an option given explicitly wins) and picks the driver from the URL. */
    public static DataSourceFactory prepare(DataSourceFactory db) {
        // an empty ${DATABASE_PASSWORD:-} reads as null from YAML; JDBC wants ""
        db.setPassword(db.getPassword() == null ? "" : db.getPassword());
        String url = db.getUrl();
        if (isH2(url)) {
            db.setDriverClass("org.h2.Driver");
            StringBuilder u = new StringBuilder(url);
            for (String option : H2_OPTIONS.substring(1).split(";")) {
                String key = option.substring(0, option.indexOf('=') + 1);
                boolean serverless = url.startsWith("jdbc:h2:mem:") && key.equals("AUTO_SERVER=");
                if (!serverless && !url.toUpperCase().contains(";" + key.toUpperCase())) {
                    u.append(';').append(option);
                }
            }
            db.setUrl(u.toString());
        } else if (url.startsWith("jdbc:postgresql:")) {
            db.setDriverClass("org.postgresql.Driver");
        }
        return db;
    }

    /** Applies the migrations under db/migration; they are written to run unchanged on H2 and PostgreSQL. */
    public static void migrate(DataSourceFactory db) {
        Flyway.configure()
                .dataSource(db.getUrl(), db.getUser(), db.getPassword())
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }
}
