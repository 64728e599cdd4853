package th.or.depa.smartcity.support;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import th.or.depa.smartcity.SmartCityApplication;
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
        return new DropwizardAppExtension<>(SmartCityApplication.class,
                ResourceHelpers.resourceFilePath("test-config.yml"), overrides.toArray(ConfigOverride[]::new));
    }
}
