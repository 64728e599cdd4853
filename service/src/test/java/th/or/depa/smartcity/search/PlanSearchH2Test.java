package th.or.depa.smartcity.search;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class PlanSearchH2Test extends PlanSearchContract {

    static final String URL = TestDatabases.freshH2();
    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(URL);

    @Override
    Api api() {
        return new Api(APP);
    }

    @Override
    String url() {
        return URL;
    }

    @Override
    String freshUrl() {
        return TestDatabases.freshH2();
    }
}
