package th.or.depa.smartcity.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of submissions (issue 18). Each request thread queues its rows and waits; a writer thread takes
 * whatever has queued (up to {@code max}) and writes it in one transaction, one JDBC batch per table, one COMMIT
 * (one WAL flush) for all of them, then lets every waiting request answer. No timer: a batch is what queued while
 * the writers were busy, so a lone submission is written at once.
 * <ul>
 * <li>Two tries with one Idempotency-Key in one batch: the later waits out the batch, then is written alone and meets
 * the stored key (a replay). A statement of the batch refused all the same (a retry whose first try committed in
 * another batch meanwhile: a unique violation): the batch is rolled back and its submissions written one by one,
 * each in its own transaction, so each gets its own true outcome.</li>
 * <li>The database gone mid-batch (connection lost, commit failed): every submission of the batch fails as an outage
 * (503) and nothing of it is stored; the clients retry with their keys.</li>
 * <li>A full queue: the request waits up to {@code queueWait} (the pool's maxWaitForConnection), then fails as the
 * pool's exhaustion does (503).</li>
 * <li>{@code max} 1 is off: each submission is written in its caller's thread and transaction.</li>
 * </ul>
 */
public final class SubmissionBatches implements io.dropwizard.lifecycle.Managed {

    /** Told of each batch after its statements and before its commit, in the writer's thread (a test seam). */
    public interface Observer {
        void beforeCommit(List<SubmissionRows> batch);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionBatches.class);
    private static final Observer NONE = batch -> { };

    private record Pending(SubmissionRows rows, CompletableFuture<Void> done) {
    }

    private final Jdbi jdbi;
    private final int max;
    private final int writers;
    private final Duration queueWait;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong oneByOne = new AtomicLong();
    private final AtomicInteger largest = new AtomicInteger();
    private volatile Observer observer = NONE;
    private volatile java.util.function.IntConsumer committedSizes = size -> { };
    private volatile ExecutorService threads;
    private volatile boolean stopping;

    public SubmissionBatches(Jdbi jdbi, int max, int writers, int queue, Duration queueWait) {
        this.jdbi = jdbi;
        this.max = max;
        this.writers = writers;
        this.queueWait = queueWait;
        this.queue = new ArrayBlockingQueue<>(Math.max(1, queue));
    }

    /** Stores one submission: returns once its transaction committed, throws what its write threw. */
    public void write(SubmissionRows rows) {
        if (max <= 1 || threads == null || stopping) {
            writeAlone(rows);
            return;
        }
        Pending p = new Pending(rows, new CompletableFuture<>());
        try {
            if (!queue.offer(p, queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ConnectionException(new SQLTransientConnectionException(
                        "submission queue full for " + queueWait.toMillis() + " ms"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException(e);
        }
        if (stopping && queue.remove(p)) { // queued after the writers left: nobody will take it
            writeAlone(rows);
            return;
        }
        try {
            p.done().join(); // not interruptible: the answer waits for the batch's true outcome
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Replaces the observer (tests); null restores none. */
    public void observe(Observer o) {
        observer = o == null ? NONE : o;
    }

    /** Told the size of each batch committed, in the writer's thread after the commit (the batch-size metric). */
    public void onCommitted(java.util.function.IntConsumer sizes) {
        committedSizes = sizes;
    }

    /** Batches committed so far, the largest of them, and batches written one by one after a refused statement. */
    public long batches() {
        return batches.get();
    }

    public int largestBatch() {
        return largest.get();
    }

    public long writtenOneByOne() {
        return oneByOne.get();
    }

    /** Submissions waiting for a writer now. */
    public int queued() {
        return queue.size();
    }

    @Override
    public void start() {
        if (max <= 1) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers, r -> {
            Thread t = new Thread(r, "submission-writer");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < writers; i++) {
            pool.execute(this::run);
        }
        threads = pool;
    }

    /** The writers finish their batch in hand and what is queued, then stop. */
    @Override
    public void stop() throws InterruptedException {
        stopping = true;
        ExecutorService pool = threads;
        if (pool == null) {
            return;
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        for (Pending p; (p = queue.poll()) != null; ) {
            p.done().completeExceptionally(new ConnectionException(
                    new SQLNonTransientConnectionException("the service is stopping")));
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(max);
        while (true) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, max - 1);
                commit(batch);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable unexpected) { // never leave a request waiting on a writer that died
                batch.forEach(p -> p.done().completeExceptionally(unexpected));
                LOG.error("submission writer fault", unexpected);
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> all) {
        // a retry racing its first try with the same Idempotency-Key in one batch would fail the whole batch on the
        // key's unique constraint: it waits out the batch instead, then is written alone and meets the stored key
        // (the caller replays the first answer, or refuses another body), so the batch stays one commit
        java.util.Set<List<String>> keys = new java.util.HashSet<>();
        List<Pending> batch = new ArrayList<>(all.size());
        List<Pending> twins = new ArrayList<>();
        for (Pending p : all) {
            IdempotencyRow key = p.rows().idempotency();
            (key == null || keys.add(List.of(key.userId(), key.idemKey())) ? batch : twins).add(p);
        }
        List<SubmissionRows> rows = batch.stream().map(Pending::rows).toList();
        try {
            jdbi.useTransaction(h -> {
                SubmissionWriter.rows(h, rows);
                SubmissionWriter.notifications(h, rows);
                rows.forEach(r -> r.alsoInTransaction().accept(h));
                observer.beforeCommit(rows);
            });
        } catch (RuntimeException e) {
            if (connectionLost(e)) {
                all.forEach(p -> p.done().completeExceptionally(new ConnectionException(e)));
                return;
            }
            oneByOne.incrementAndGet();
            eachAlone(all);
            return;
        }
        batches.incrementAndGet();
        largest.accumulateAndGet(batch.size(), Math::max);
        committedSizes.accept(batch.size());
        batch.forEach(p -> p.done().complete(null));
        eachAlone(twins);
    }

    /** After a refused statement: each submission in its own transaction, for its own outcome. */
    private void eachAlone(List<Pending> batch) {
        RuntimeException outage = null;
        for (Pending p : batch) {
            if (outage != null) { // the database went away meanwhile: the rest would only wait for it
                p.done().completeExceptionally(new ConnectionException(outage));
                continue;
            }
            try {
                writeAlone(p.rows());
                p.done().complete(null);
            } catch (RuntimeException own) {
                outage = connectionLost(own) ? own : null;
                p.done().completeExceptionally(own);
            }
        }
    }

    private void writeAlone(SubmissionRows rows) {
        jdbi.useTransaction(h -> {
            SubmissionWriter.rows(h, List.of(rows));
            notificationsGuarded(h, rows);
            rows.alsoInTransaction().accept(h);
        });
    }

    /**
     * The outbox's promise, where a submission is written alone: a notification that cannot be written is rolled back
     * to a savepoint and logged, and the submission stands. (In a batch the same fault fails the batch, which is then
     * written one by one, through here.) A lost connection is the outage, not a notification fault.
     */
    private static void notificationsGuarded(Handle h, SubmissionRows rows) {
        if (rows.notifications().isEmpty()) {
            return;
        }
        h.savepoint("outbox");
        try {
            SubmissionWriter.notifications(h, List.of(rows));
            h.releaseSavepoint("outbox");
        } catch (RuntimeException fault) {
            if (connectionLost(fault)) {
                throw fault;
            }
            h.rollbackToSavepoint("outbox");
            LOG.error("notifications of plan {} not written (the submission stands)", rows.plan().id(), fault);
        }
    }

    /** The database unreachable, as api/ErrorMappers.DatabaseDown reads it (SQL state class 08, admin shutdown). */
    static boolean connectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t.getClass().getName().endsWith("PoolExhaustedException")
                    || (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().equals("57P01")))) {
                return true;
            }
        }
        return false;
    }
}
