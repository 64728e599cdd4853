package th.or.depa.smartcity.web;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class RenewalPagesH2Test extends RenewalPagesContract {

    static final String URL = TestDatabases.freshH2();
    static final DropwizardAppExtension<SmartCityConfiguration> NOW = TestApps.on(URL);
    static final DropwizardAppExtension<SmartCityConfiguration> LATER = th.or.depa.smartcity.renewal.RenewalApiContract.laterApp(URL);

    @Override
    DropwizardAppExtension<SmartCityConfiguration> now() {
        return NOW;
    }

    @Override
    DropwizardAppExtension<SmartCityConfiguration> later() {
        return LATER;
    }
}
