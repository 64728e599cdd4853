package th.or.depa.smartcity.metrics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.store.BacklogDao;

/**
 * The undelivered webhook deliveries by state, read from the database at most once per maxAge so that frequent
 * scrapes cost one query; a database that does not answer leaves the last counts (a scrape never fails for it).
 */
public final class Backlog {

    private static final Logger LOG = LoggerFactory.getLogger(Backlog.class);
    private static final String[] STATES = {"PENDING", "FAILED"};

    private final Jdbi jdbi;
    private final long maxAgeNanos;
    private Map<String, Long> counts = Map.of();
    private long readAt;
    private boolean read;

    public Backlog(Jdbi jdbi, Duration maxAge) {
        this.jdbi = jdbi;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public synchronized Map<String, Long> counts() {
        long now = System.nanoTime();
        if (!read || now - readAt >= maxAgeNanos) {
            try {
                Map<String, Long> fresh = new LinkedHashMap<>();
                for (String s : STATES) {
                    fresh.put(s, 0L);
                }
                jdbi.onDemand(BacklogDao.class).undelivered().forEach(c -> fresh.put(c.state(), c.count()));
                counts = fresh;
            } catch (RuntimeException down) {
                LOG.debug("notification backlog not read: {}", down.toString());
            }
            readAt = now;
            read = true;
        }
        return counts;
    }
}
