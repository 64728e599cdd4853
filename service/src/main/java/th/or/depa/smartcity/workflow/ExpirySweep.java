package th.or.depa.smartcity.workflow;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires due certificates every period (certificates.expiryCheckEvery) on one daemon thread that Dropwizard starts
 * and stops. Several instances may run it: the sweep's job lock lets one at a time through, and each expiry is
 * written once (Certificates). A failed sweep (the database away) is logged and tried again next period.
 */
public final class ExpirySweep implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(ExpirySweep.class);

    private final Certificates certificates;
    private final Duration every;
    private ScheduledExecutorService timer;

    public ExpirySweep(Certificates certificates, Duration every) {
        this.certificates = certificates;
        this.every = every;
    }

    @Override
    public void start() {
        int filled = certificates.backfill();
        if (filled > 0) {
            LOG.info("certificate_valid_until filled in for {} plans certified before it existed", filled);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "certificate-expiry");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, every.toMillis());
        timer.scheduleWithFixedDelay(this::sweepOnce, ms, ms, TimeUnit.MILLISECONDS);
    }

    void sweepOnce() {
        try {
            int expired = certificates.sweep();
            if (expired > 0) {
                LOG.info("{} certificates expired", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("the certificate expiry sweep failed; it runs again in {}", every, e);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
