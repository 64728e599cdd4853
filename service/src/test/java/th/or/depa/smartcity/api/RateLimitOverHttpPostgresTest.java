package th.or.depa.smartcity.api;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitOverHttpPostgresTest extends RateLimitOverHttpContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = appOn(TestDatabases.freshPostgres());

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }
}
