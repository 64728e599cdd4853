package th.or.depa.smartcity.ruleset;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.engine.RuleError;

/**
 * Impact analyses started from the web view, run in the background so that the page can show progress: one at a
 * time (each starts a worker JVM and judges every stored plan), a few waiting, the last {@link #KEPT} kept in memory
 * for their result pages. A restart forgets them; the analysis is read-only, so it is simply run again.
 */
public final class ImpactJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ImpactJobs.class);
    static final int KEPT = 50;
    static final int WAITING = 4;

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /**
     * A job as it stands: plans judged of about how many; when DONE its report; when FAILED the rule errors that
     * refused the candidate (empty when the failure was the service's own, which is logged).
     */
    public record Job(String id, int version, State state, long done, long total, ImpactAnalysis.Report report,
                      List<RuleError> errors) {

        Job progressed(State s, long d, long t) {
            return new Job(id, version, s, d, t, report, errors);
        }

        public boolean finished() {
            return state == State.DONE || state == State.FAILED;
        }
    }

    /** No room in the queue: the caller tries again later. */
    public static final class Busy extends RuntimeException {
        public Busy() {
            super("impact analyses are busy; try again shortly");
        }
    }

    private final ImpactAnalysis analysis;
    private final Map<String, AtomicReference<Job>> jobs = new ConcurrentHashMap<>();
    private final Deque<String> order = new ArrayDeque<>();
    private final ThreadPoolExecutor runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(WAITING), r -> {
                Thread t = new Thread(r, "impact-analysis");
                t.setDaemon(true); // an analysis is read-only: the service may stop in the middle of one
                return t;
            });

    public ImpactJobs(ImpactAnalysis analysis) {
        this.analysis = analysis;
    }

    /** Queues an analysis of a stored version; its id opens it with {@link #find}. */
    public Job start(int version) {
        Job job = new Job(UUID.randomUUID().toString(), version, State.QUEUED, 0, 0, null, List.of());
        AtomicReference<Job> ref = new AtomicReference<>(job);
        remember(job.id(), ref);
        try {
            runner.execute(() -> run(ref));
        } catch (RejectedExecutionException full) {
            forget(job.id());
            throw new Busy();
        }
        return job;
    }

    public Optional<Job> find(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id)).map(AtomicReference::get);
    }

    private void run(AtomicReference<Job> ref) {
        Job job = ref.updateAndGet(j -> j.progressed(State.RUNNING, 0, 0));
        try {
            ImpactAnalysis.Report report = analysis.run(job.version(),
                    (done, total) -> ref.updateAndGet(j -> j.progressed(State.RUNNING, done, total)));
            ref.updateAndGet(j -> new Job(j.id(), j.version(), State.DONE, report.plans(), report.plans(), report,
                    List.of()));
        } catch (RuleSetRefused e) {
            ref.updateAndGet(j -> new Job(j.id(), j.version(), State.FAILED, j.done(), j.total(), null, e.errors()));
        } catch (RuntimeException e) {
            LOG.error("impact analysis of rule-set version {} failed", job.version(), e);
            ref.updateAndGet(j -> new Job(j.id(), j.version(), State.FAILED, j.done(), j.total(), null, List.of()));
        }
    }

    private synchronized void remember(String id, AtomicReference<Job> ref) {
        jobs.put(id, ref);
        order.addLast(id);
        while (order.size() > KEPT) {
            jobs.remove(order.removeFirst());
        }
    }

    private synchronized void forget(String id) {
        jobs.remove(id);
        order.remove(id);
    }
}
