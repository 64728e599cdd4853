package th.or.depa.smartcity.reliability;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class LoadPostgresTest extends LoadContract {

    // the pool of config.yml (32), not the test default (100): 64 clients share it as in production
    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshPostgres(),
            ConfigOverride.config("database.maxSize", "32"));

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }

    @Override
    int defaultSubmissions() {
        return 10000;
    }
}
