package th.or.depa.smartcity.renewal;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class RenewalApiH2Test extends RenewalApiContract {

    static final String URL = TestDatabases.freshH2();
    static final DropwizardAppExtension<SmartCityConfiguration> NOW = TestApps.on(URL);
    static final DropwizardAppExtension<SmartCityConfiguration> LATER_APP = laterApp(URL);

    @Override
    protected Api now() {
        return new Api(NOW);
    }

    @Override
    protected Api later() {
        return new Api(LATER_APP);
    }
}
