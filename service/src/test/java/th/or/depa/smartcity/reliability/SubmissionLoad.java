package th.or.depa.smartcity.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.PlanVariants;

/**
 * Cities' systems submitting plans as a careful client does: each plan with its own Idempotency-Key, re-sent with the
 * same key until acknowledged (201) whenever the answer is lost or says to come back (503, an I/O error). Some
 * acknowledged plans are sent again as if the 201 had been lost, and some are sent twice at once (a client that gave
 * up waiting and retried while the first was still in flight): every copy must get the first answer.
 */
final class SubmissionLoad {

    /** One acknowledged submission: the key and token it was sent with and the plan id the 201 named. */
    record Ack(String key, String token, String planId) {
    }

    private final Http http;
    private final List<String> cities;
    private final PlanVariants plans = new PlanVariants();
    private final String run;
    private final int replayEvery;
    private final int twinEvery;

    private final Map<Integer, Ack> acks = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ioErrors = new AtomicInteger();
    private final AtomicInteger replays = new AtomicInteger();
    private final AtomicLong slowest503Nanos = new AtomicLong();
    private volatile boolean stopping;

    /**
     * @param replayEvery every replayEvery-th plan is sent again after its 201, as after a lost response
     * @param twinEvery every twinEvery-th plan is sent twice at once by two clients
     */
    SubmissionLoad(Http http, List<String> cities, String run, int replayEvery, int twinEvery) {
        this.http = http;
        this.cities = cities;
        this.run = run;
        this.replayEvery = replayEvery;
        this.twinEvery = twinEvery;
    }

    /** Submits plans 0..count-1 from the given number of client threads; returns when all are acknowledged. */
    void submitAll(int count, int threads, long timeoutSeconds) throws Exception {
        List<Integer> work = new ArrayList<>(count + count / Math.max(1, twinEvery) + 1);
        for (int n = 0; n < count; n++) {
            work.add(n);
            if (twinEvery > 0 && n % twinEvery == 0) {
                work.add(n); // the twin, taken by the next free client while the first is likely in flight
            }
        }
        AtomicInteger next = new AtomicInteger();
        runClients(threads, timeoutSeconds, () -> {
            for (int i = next.getAndIncrement(); i < work.size(); i = next.getAndIncrement()) {
                submitUntilAcknowledged(work.get(i));
            }
        });
    }

    /** Clients that submit new plans until {@link #stop()}: each finishes the plan in hand before leaving. */
    Future<?> submitUntilStopped(int threads, long timeoutSeconds) {
        AtomicInteger next = new AtomicInteger();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        Future<?> done = runner.submit(() -> {
            runClients(threads, timeoutSeconds, () -> {
                while (!stopping) {
                    submitUntilAcknowledged(next.getAndIncrement());
                }
            });
            return null;
        });
        runner.shutdown();
        return done;
    }

    void stop() {
        stopping = true;
    }

    private void runClients(int threads, long timeoutSeconds, Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(pool.submit(() -> {
                client.run();
                return null;
            }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(timeoutSeconds, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new AssertionError("the clients did not finish within " + timeoutSeconds + " s: "
                    + acks.size() + " acknowledged, statuses " + statuses);
        }
        for (Future<?> f : clients) {
            f.get(); // rethrows a client's own failure
        }
    }

    private interface Client {
        void run() throws Exception;
    }

    private void submitUntilAcknowledged(int n) throws InterruptedException {
        String key = run + "-" + n;
        String token = cities.get(n % cities.size());
        String plan = plans.plan(run, n);
        Http.Answer first = sendUntilAnswered(token, key, plan);
        if (first == null) {
            return; // a problem was recorded
        }
        Ack ack = new Ack(key, token, first.body().get("plan").get("id").asText());
        Ack earlier = acks.putIfAbsent(n, ack);
        if (earlier != null && !earlier.planId().equals(ack.planId())) {
            problems.add(key + ": two acknowledgements name different plans " + earlier.planId() + ", " + ack.planId());
        }
        if (replayEvery > 0 && n % replayEvery == 0) {
            replays.incrementAndGet();
            Http.Answer again = sendUntilAnswered(token, key, plan);
            if (again != null && !again.raw().equals(first.raw())) {
                problems.add(key + ": a replay answered differently: " + again.raw());
            }
        }
    }

    /** The 201 for this key, retrying on 503 and I/O errors; null after recording anything else as a problem. */
    private Http.Answer sendUntilAnswered(String token, String key, String plan) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            try {
                Http.Answer a = http.post("/api/plans", token, key, plan);
                statuses.computeIfAbsent(a.status(), s -> new AtomicInteger()).incrementAndGet();
                if (a.status() == 201) {
                    return a;
                }
                if (a.status() != 503 || a.body() == null || a.body().path("code").asInt() != 503) {
                    problems.add(key + ": " + a.status() + " " + a.raw());
                    return null;
                }
                slowest503Nanos.accumulateAndGet(System.nanoTime() - start, Math::max);
            } catch (IOException lost) {
                ioErrors.incrementAndGet();
            }
            if (attempt >= 600) {
                problems.add(key + ": not acknowledged after " + attempt + " attempts");
                return null;
            }
            Thread.sleep(Math.min(500, 20L * attempt)); // a client's back-off before it retries, not a wait for state
        }
    }

    Map<Integer, Ack> acks() {
        return acks;
    }

    int acknowledged() {
        return acks.size();
    }

    int count(int status) {
        AtomicInteger c = statuses.get(status);
        return c == null ? 0 : c.get();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    int replays() {
        return replays.get();
    }

    int ioErrors() {
        return ioErrors.get();
    }

    long slowest503Millis() {
        return TimeUnit.NANOSECONDS.toMillis(slowest503Nanos.get());
    }

    String summary() {
        return acks.size() + " acknowledged, " + replays.get() + " replays, statuses " + statuses + ", "
                + ioErrors.get() + " I/O errors";
    }
}
