package th.or.depa.smartcity.notification;

import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.store.WebhookDao;

/**
 * Sends due deliveries, on every instance: each is claimed with a lease in the database (claim: one UPDATE that only
 * one instance wins), POSTed with the JDK client (no redirects, short timeouts), and settled with its attempt logged.
 * Everything is in the database, so what a stopped instance held is picked up by another, or by itself after a
 * restart, once the lease ends: delivered at least once (receivers drop duplicates by Webhook-Id).
 */
public final class Dispatcher implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Jdbi jdbi;
    private final UrlGuard guard;
    private final Backoff backoff;
    private final Clock clock;
    private final Duration poll;
    private final Duration lease;
    private final Duration timeout;
    private final int parallel;
    private final HttpClient http;
    private ScheduledExecutorService ticker;
    private ExecutorService senders;
    private Semaphore slots;

    public Dispatcher(Jdbi jdbi, UrlGuard guard, Backoff backoff, Clock clock, Duration poll, Duration timeout,
                      int parallel) {
        this.jdbi = jdbi;
        this.guard = guard;
        this.backoff = backoff;
        this.clock = clock;
        this.poll = poll;
        this.timeout = timeout;
        // the lease outlives a whole attempt (connect plus answer), so no other instance sends it meanwhile
        this.lease = timeout.multipliedBy(3).plusSeconds(5);
        this.parallel = parallel;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    @Override
    public void start() {
        slots = new Semaphore(parallel);
        senders = Executors.newFixedThreadPool(parallel, r -> named(r, "webhook-sender"));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> named(r, "webhook-dispatcher"));
        ticker.scheduleWithFixedDelay(this::tick, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        ticker.shutdownNow();
        senders.shutdownNow();
        senders.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /** Claims as many due deliveries as there are free senders and hands each to one. */
    void tick() {
        try {
            int free = slots.availablePermits();
            if (free == 0) {
                return;
            }
            Instant now = now();
            WebhookDao dao = jdbi.onDemand(WebhookDao.class);
            for (String id : dao.due(now, free)) {
                if (!slots.tryAcquire()) {
                    return;
                }
                if (dao.claim(id, now, now.plus(lease)) != 1) {
                    slots.release();
                    continue;
                }
                senders.execute(() -> {
                    try {
                        send(id);
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook dispatch failed this round: {}", e.toString());
        }
    }

    private void send(String id) {
        WebhookDao dao = jdbi.onDemand(WebhookDao.class);
        WebhookDao.Due d = dao.claimed(id).orElse(null);
        if (d == null) {
            return;
        }
        Instant started = now();
        long timestamp = started.getEpochSecond();
        Integer status = null;
        String error = null;
        try {
            URI uri = guard.check(d.url()); // again: the name may resolve elsewhere now
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "smartcity-webhooks/1")
                    .header("Webhook-Id", d.notificationId())
                    .header("Webhook-Timestamp", Long.toString(timestamp))
                    .header("Webhook-Signature", Signature.sign(d.secret(), d.notificationId(), timestamp, d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (WebhookRefused e) {
            error = "refused: the URL's host is not a public address";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // stopping: the lease runs out and the delivery is sent again
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        Instant ended = now();
        int attempts = d.attempts() + 1;
        boolean ok = status != null && status >= 200 && status < 300;
        Instant next = ended.plus(backoff.after(attempts));
        String state = ok ? "DELIVERED" : next.isAfter(d.createdAt().plus(backoff.giveUpAfter())) ? "FAILED" : "PENDING";
        String shortError = error == null ? null : error.substring(0, Math.min(error.length(), 500));
        Integer code = status;
        jdbi.useTransaction(h -> {
            WebhookDao t = h.attach(WebhookDao.class);
            t.logAttempt(new WebhookDao.Attempt(id, attempts, started, code, shortError,
                    Duration.between(started, ended).toMillis()));
            t.settle(id, state, attempts, ok ? ended : next);
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Thread named(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
