package th.or.depa.smartcity.security;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class SecurityPostgresTest extends SecurityContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = new DropwizardAppExtension<>(
            SmartCityApplication.class, ResourceHelpers.resourceFilePath("test-config.yml"),
            ConfigOverride.config("database.url", TestDatabases.freshPostgres()),
            ConfigOverride.config("database.user", TestDatabases.PG_USER));

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }
}
