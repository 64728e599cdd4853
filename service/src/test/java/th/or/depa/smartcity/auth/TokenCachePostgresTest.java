package th.or.depa.smartcity.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

@ExtendWith(DropwizardExtensionsSupport.class)
class TokenCachePostgresTest extends TokenCacheContract {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshPostgres(),
            CACHE_ON);

    @Override
    DropwizardAppExtension<SmartCityConfiguration> app() {
        return APP;
    }

    @Override
    void kill(long session) {
        // the backend named as the service names it in pg_stat_activity, terminated as an operator would
        assertEquals(Boolean.TRUE, api().jdbi().withHandle(h -> h.createQuery("SELECT pg_terminate_backend(pid) "
                + "FROM pg_stat_activity WHERE pid = ? AND application_name = ?").bind(0, (int) session)
                .bind(1, RevocationEpoch.APPLICATION_NAME).mapTo(Boolean.class).one()));
    }
}
