package th.or.depa.smartcity.workflow;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class CertificateLifeH2Test extends CertificateLifeContract {

    static final String URL = TestDatabases.freshH2();
    static final DropwizardAppExtension<SmartCityConfiguration> NOW = app("now", URL, null);
    static final DropwizardAppExtension<SmartCityConfiguration> SOON = app("soon", URL, "P1Y7M");
    static final DropwizardAppExtension<SmartCityConfiguration> LATER = app("later", URL, "P2Y1D");

    @Override
    DropwizardAppExtension<SmartCityConfiguration> nowApp() {
        return NOW;
    }

    @Override
    DropwizardAppExtension<SmartCityConfiguration> soonApp() {
        return SOON;
    }

    @Override
    DropwizardAppExtension<SmartCityConfiguration> laterApp() {
        return LATER;
    }
}
