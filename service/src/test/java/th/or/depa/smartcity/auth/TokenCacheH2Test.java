package th.or.depa.smartcity.auth;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class TokenCacheH2Test extends TokenCacheContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshH2(), CACHE_ON);

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }

    @Override
    void kill(long session) {
        api().jdbi().useHandle(h -> h.createQuery("SELECT ABORT_SESSION(?)").bind(0, (int) session)
                .mapTo(Boolean.class).one());
    }
}
