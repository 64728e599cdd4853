package th.or.depa.smartcity.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.store.NotificationDao;

/**
 * The scheduled "certificate ends in N days" notices (routes.properties: expiring.*): for each certificate the nearest
 * threshold it has reached, once per (plan, days, validUntil) whatever the number of instances — the notice's primary
 * key lets only one transaction through. Days count in Asia/Bangkok.
 */
public final class ExpiryNotices implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiryNotices.class);
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private final Jdbi jdbi;
    private final Routes routes;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration every;
    private ScheduledExecutorService timer;

    public ExpiryNotices(Jdbi jdbi, Routes routes, Outbox outbox, ObjectMapper mapper, Clock clock, Duration every) {
        this.jdbi = jdbi;
        this.routes = routes;
        this.outbox = outbox;
        this.mapper = mapper;
        this.clock = clock;
        this.every = every;
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "expiry-notices");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::runSafely, 5_000, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        timer.shutdownNow();
    }

    private void runSafely() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("expiry notices not written this round: {}", e.toString());
        }
    }

    /** One pass over the certified plans; returns how many notices it wrote. */
    public int run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, BANGKOK);
        int written = 0;
        for (NotificationDao.PlanLine p : jdbi.onDemand(NotificationDao.class).certified(routes.expiringStates())) {
            LocalDate until = validUntil(p.certificate());
            if (until == null || until.isBefore(today)) {
                continue;
            }
            long left = ChronoUnit.DAYS.between(today, until);
            Integer days = routes.expiringDays().stream().filter(d -> left <= d).findFirst().orElse(null);
            if (days != null && notice(p, days, until, now)) {
                written++;
            }
        }
        return written;
    }

    private boolean notice(NotificationDao.PlanLine p, int days, LocalDate until, Instant now) {
        try {
            return jdbi.inTransaction(h -> {
                NotificationDao dao = h.attach(NotificationDao.class);
                if (dao.noticed(p.id(), days, until) > 0) {
                    return false;
                }
                dao.notice(p.id(), days, until, now);
                for (String r : routes.expiringRecipients()) {
                    String recipient = r.equals("organisation") ? Recipients.organisation(p.organisation())
                            : Recipients.body(r);
                    dao.insertWithDeliveries(outbox.notification("EXPIRING", recipient, p, null, null, p.state(),
                            p.state(), Map.of("days", days, "validUntil", until.toString()), now, days,
                            until.toString()));
                }
                return true;
            });
        } catch (RuntimeException race) {
            return false; // another instance noticed it first (primary key)
        }
    }

    private LocalDate validUntil(String certificate) {
        try {
            JsonNode c = mapper.readTree(certificate);
            return c.hasNonNull("validUntil") ? LocalDate.parse(c.get("validUntil").asText()) : null;
        } catch (Exception unreadable) {
            return null;
        }
    }
}
