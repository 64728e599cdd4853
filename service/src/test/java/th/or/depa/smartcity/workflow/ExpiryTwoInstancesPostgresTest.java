package th.or.depa.smartcity.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

/**
 * Two instances rehearsing two years and a day ahead sweep one PostgreSQL database every 50 ms while a third, on real
 * time, certifies plans: each certificate expires exactly once (one EXPIRED event, a chain that verifies).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ExpiryTwoInstancesPostgresTest {

    static final String URL = TestDatabases.freshPostgres();
    static final DropwizardAppExtension<SmartCityConfiguration> NOW = TestApps.instance("now", URL,
            Map.of("certificates.expiryCheckEvery", "1 hour"));
    static final DropwizardAppExtension<SmartCityConfiguration> A = TestApps.instance("a", URL,
            Map.of("clockOffset", "P2Y1D", "certificates.expiryCheckEvery", "50 milliseconds"));
    static final DropwizardAppExtension<SmartCityConfiguration> B = TestApps.instance("b", URL,
            Map.of("clockOffset", "P2Y1D", "certificates.expiryCheckEvery", "50 milliseconds"));

    @Test
    void twoSweepingInstancesExpireEachCertificateOnce() throws Exception {
        Api api = new Api(NOW);
        CertifiedPlans plans = new CertifiedPlans(api);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(plans.certify()[0]);
        }
        var jdbi = api.jdbi();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && expiredEvents(jdbi, ids) < ids.size()) {
            Thread.sleep(50);
        }
        Thread.sleep(500); // more sweeps of both instances after the expiries
        EventLog log = new EventLog(api.recordKey());
        for (String id : ids) {
            long n = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM events WHERE plan_id = :id AND "
                    + "type = 'EXPIRED'").bind("id", id).mapTo(Long.class).one());
            assertEquals(1, n, "EXPIRED events of " + id);
            assertEquals("EXPIRED", jdbi.withHandle(h -> h.createQuery("SELECT state FROM plans WHERE id = :id")
                    .bind("id", id).mapTo(String.class).one()));
            boolean verified = jdbi.withHandle(h -> log.verify(h.attach(EventDao.class), id));
            assertTrue(verified, "the chain of " + id);
        }
        assertTrue(jdbi.withHandle(h -> h.createQuery("SELECT last_run_at FROM job_locks WHERE name = "
                + "'certificate-expiry'").mapTo(java.time.Instant.class).findOne()).isPresent());
    }

    static long expiredEvents(org.jdbi.v3.core.Jdbi jdbi, List<String> ids) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT plan_id) FROM events WHERE type = 'EXPIRED' "
                + "AND plan_id IN (<ids>)").bindList("ids", ids).mapTo(Long.class).one());
    }
}
