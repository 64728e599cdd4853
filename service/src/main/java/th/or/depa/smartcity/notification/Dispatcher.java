package th.or.depa.smartcity.notification;

import io.dropwizard.lifecycle.Managed;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.store.WebhookDao;

/**
 * Sends due deliveries, on every instance: each is claimed with a lease in the database (claim: one UPDATE that only
 * one instance wins), POSTed (no redirects, short timeouts), and settled with its attempt logged.
 * Everything is in the database, so what a stopped instance held is picked up by another, or by itself after a
 * restart, once the lease ends: delivered at least once (receivers drop duplicates by Webhook-Id). Sent with Apache
 * HttpClient rather than the JDK's: its resolver is the URL guard's (GuardedDns), so a connection goes only to an
 * address that was checked.
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
    private volatile CloseableHttpClient http;
    private volatile boolean stopping;
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
    }

    @Override
    public void start() {
        http = client(guard, timeout, parallel);
        slots = new Semaphore(parallel);
        senders = Executors.newFixedThreadPool(parallel, r -> named(r, "webhook-sender"));
        ticker = Executors.newSingleThreadScheduledExecutor(r -> named(r, "webhook-dispatcher"));
        ticker.scheduleWithFixedDelay(this::tick, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        ticker.shutdownNow();
        senders.shutdownNow();
        http.close(CloseMode.IMMEDIATE); // cuts the attempts in flight: their leases run out, they are sent again
        senders.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    }

    /** The client deliveries go out with: no redirects, no retries, no cookies; names resolved by the guard. */
    static CloseableHttpClient client(UrlGuard guard, Duration timeout, int parallel) {
        Timeout each = Timeout.of(timeout);
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDns(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(each)
                                .setSocketTimeout(each).build())
                        .setMaxConnTotal(parallel).setMaxConnPerRoute(parallel).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(each).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .build();
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
            URI uri = guard.check(d.url()); // again, for the URL's form; the connection checks its own lookup
            HttpPost post = new HttpPost(uri);
            post.setHeader("Content-Type", "application/json; charset=utf-8");
            post.setHeader("User-Agent", "smartcity-webhooks/1");
            post.setHeader("Webhook-Id", d.notificationId());
            post.setHeader("Webhook-Timestamp", Long.toString(timestamp));
            post.setHeader("Webhook-Signature", Signature.sign(d.secret(), d.notificationId(), timestamp, d.payload()));
            post.setEntity(new StringEntity(d.payload(), StandardCharsets.UTF_8));
            // the whole attempt, answer and closing included, within the timeout: a receiver sending slowly is cut off
            ScheduledFuture<?> abort = ticker.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
                status = response.getCode(); // the answer's body is not used
            } finally {
                abort.cancel(false);
            }
        } catch (WebhookRefused | UrlGuard.NotPublic e) {
            error = "refused: the URL's host is not a public address";
        } catch (Exception e) {
            if (stopping) {
                return; // cut by the stop: not an attempt of the receiver's; the lease runs out and it is sent again
            }
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
