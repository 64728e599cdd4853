package th.or.depa.smartcity.reliability;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class SlowRuleH2Test extends SlowRuleContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = app(TestDatabases.freshH2());

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }
}
