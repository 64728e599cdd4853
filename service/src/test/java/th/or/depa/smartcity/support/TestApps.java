package th.or.depa.smartcity.support;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import th.or.depa.smartcity.openapi.ValidatedApp;
import th.or.depa.smartcity.SmartCityConfiguration;

/** The service as the API tests run it: test-config.yml on a given database, plus a test's own overrides. */
public final class TestApps {

    private TestApps() {
    }

    /** The service on this JDBC URL (H2 or PostgreSQL, as TestDatabases makes them), with the user that URL needs. */
    public static DropwizardAppExtension<SmartCityConfiguration> on(String url, ConfigOverride... more) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(ConfigOverride.config("database.url", url),
                ConfigOverride.config("database.user", TestDatabases.user(url))));
        overrides.addAll(Arrays.asList(more));
        return new DropwizardAppExtension<>(ValidatedApp.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), overrides.toArray(ConfigOverride[]::new));
    }

    /**
     * One of several instances on one database, each with its own settings (e.g. clockOffset): config overrides are
     * system properties, so each instance reads its own under its own prefix ("name."), never another's.
     */
    public static DropwizardAppExtension<SmartCityConfiguration> instance(String name, String url,
                                                                         java.util.Map<String, String> settings) {
        String prefix = name + ".";
        List<ConfigOverride> overrides = new ArrayList<>(List.of(ConfigOverride.config(prefix, "database.url", url),
                ConfigOverride.config(prefix, "database.user", TestDatabases.user(url))));
        settings.forEach((k, v) -> overrides.add(ConfigOverride.config(prefix, k, v)));
        return new DropwizardAppExtension<>(ValidatedApp.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), prefix, overrides.toArray(ConfigOverride[]::new));
    }

    /**
     * The service as shipped (config.yml: its pool, timeouts and PostgreSQL driver options) on a private PostgreSQL
     * cluster that a test stops and starts, its request log in target/NAME-requests.log, the warm-up off (these tests
     * read /healthcheck from the first second), plus a test's own overrides.
     */
    public static DropwizardAppExtension<SmartCityConfiguration> shippedOn(PrivatePostgres pg, String name,
                                                                          ConfigOverride... more) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("server.requestLog.appenders[0].type", "file"),
                ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename",
                        "target/" + name + "-requests.log"),
                ConfigOverride.config("server.requestLog.appenders[0].archive", "false"),
                ConfigOverride.config("logging.level", "ERROR"),
                ConfigOverride.config("database.url", pg.url("")),
                ConfigOverride.config("database.user", "postgres"),
                ConfigOverride.config("rules.dir", "../rules"),
                ConfigOverride.config("rateLimitPerMinute", "0"),
                ConfigOverride.config("warmup.duration", "0 seconds")));
        overrides.addAll(Arrays.asList(more));
        return new DropwizardAppExtension<>(ValidatedApp.class, "../config.yml",
                overrides.toArray(ConfigOverride[]::new));
    }
}
