package th.or.depa.smartcity.api;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitOverHttpH2Test extends RateLimitOverHttpContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = appOn(TestDatabases.freshH2());

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }
}
