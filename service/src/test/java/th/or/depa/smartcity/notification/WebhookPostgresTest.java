package th.or.depa.smartcity.notification;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class WebhookPostgresTest extends WebhookContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshPostgres(), FAST);

    @Override
    Api api() {
        return new Api(APP);
    }

    @Override
    String freshDatabase() {
        return TestDatabases.freshPostgres();
    }
}
