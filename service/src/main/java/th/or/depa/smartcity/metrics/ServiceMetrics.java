package th.or.depa.smartcity.metrics;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.store.EventRow;

/**
 * The metrics /metrics/prometheus shows: Dropwizard's registry (JVM, Jetty, the database pool) bridged as it is,
 * and the service's own, labelled: submissions by kind and outcome (told by the plan records, counted once their
 * transaction commits), evaluations by outcome and the time the rules ran (told by the evaluator), the rule set in
 * force, the notification backlog. One registry per application, so that two apps in one JVM (tests) stay apart.
 */
public final class ServiceMetrics implements EventLog.Listener, PlanEvaluator.Observer {

    /** The record's event that starts a submission, and the kind of submission it is. */
    private static final Map<String, String> SUBMISSIONS = Map.of("SUBMITTED", "plan", "REVISED", "revision",
            "RENEWAL_SUBMITTED", "renewal");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ObjectMapper mapper;
    private final Counter submissions;
    private final Counter evaluations;
    private final Histogram ruleRuns;

    public ServiceMetrics(MetricRegistry dropwizard, ObjectMapper mapper) {
        this.mapper = mapper;
        DropwizardExports.builder().dropwizardRegistry(dropwizard).register(registry);
        submissions = Counter.builder().name("smartcity_submissions_total")
                .help("Plans, revisions and renewal reports submitted and stored, by kind and outcome")
                .labelNames("kind", "outcome").register(registry);
        evaluations = Counter.builder().name("smartcity_evaluations_total")
                .help("Evaluations of a plan or a progress report by the rules in force (dry runs included), by "
                        + "outcome; ERROR when the rule run failed")
                .labelNames("outcome").register(registry);
        ruleRuns = Histogram.builder().name("smartcity_rule_run_seconds")
                .help("Time the rules in force took to judge a plan or a progress report")
                .classicOnly().classicUpperBounds(.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5)
                .register(registry);
    }

    /** The metrics of this application: its requests timed, /metrics/prometheus on the admin port. */
    public static ServiceMetrics install(io.dropwizard.core.setup.Environment env, String skipHeader,
                                         java.util.function.Predicate<String> skip) {
        ServiceMetrics metrics = new ServiceMetrics(env.metrics(), env.getObjectMapper());
        env.jersey().register(new RequestTimer(metrics.registry, skipHeader, skip));
        env.admin().addServlet("prometheus", new PrometheusMetricsServlet(metrics.registry))
                .addMapping("/metrics/prometheus");
        return metrics;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The version of the rule set in force, labelled with its content's SHA-256. */
    public void watch(RuleSets ruleSets) {
        GaugeWithCallback.builder().name("smartcity_rule_set_version")
                .help("Version of the rule set in force (its SHA-256 as a label)")
                .labelNames("sha256")
                .callback(cb -> ruleSets.inForceIfAny().ifPresent(f -> cb.call(f.version(), f.rules().sha256())))
                .register(registry);
    }

    /**
     * Group commit as it runs: the size of each batch of new plans committed together, the batches rewritten one
     * submission per transaction after a refused statement, and the submissions waiting for a writer.
     */
    public void watch(th.or.depa.smartcity.store.SubmissionBatches batches) {
        Histogram sizes = Histogram.builder().name("smartcity_submission_batch_size")
                .help("New plans written in one transaction by group commit (1: a submission alone)")
                .classicOnly().classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        batches.onCommitted(sizes::observe);
        io.prometheus.metrics.core.metrics.CounterWithCallback.builder()
                .name("smartcity_submission_batches_written_one_by_one")
                .help("Batches of new plans rolled back after a refused statement and written one submission per "
                        + "transaction")
                .callback(cb -> cb.call(batches.writtenOneByOne())).register(registry);
        GaugeWithCallback.builder().name("smartcity_submissions_queued")
                .help("New plans judged and waiting for a group-commit writer")
                .callback(cb -> cb.call(batches.queued())).register(registry);
    }

    /** Webhook deliveries PENDING (not yet delivered, retries included) and FAILED (given up), read every few s. */
    public void watch(Backlog backlog) {
        GaugeWithCallback.builder().name("smartcity_notification_deliveries")
                .help("Webhook deliveries not delivered: PENDING (waiting or retrying), FAILED (given up)")
                .labelNames("state")
                .callback(cb -> backlog.counts().forEach((state, n) -> cb.call(n, state)))
                .register(registry);
    }

    @Override
    public void evaluated(String outcome, long ruleRunNanos) {
        evaluations.labelValues(outcome).inc();
        ruleRuns.observe(ruleRunNanos / 1e9);
    }

    /** A submission's outcome is that of the evaluation recorded with it (or, for a renewal, in its own event). */
    @Override
    public void appended(Handle h, String planId, List<EventRow> events) {
        String kind = null;
        String outcome = null;
        for (EventRow e : events) {
            if (SUBMISSIONS.containsKey(e.type())) {
                kind = SUBMISSIONS.get(e.type());
            }
            if (kind != null && outcome == null) {
                outcome = outcomeIn(e.data());
            }
        }
        if (kind == null) {
            return;
        }
        String k = kind;
        String o = outcome == null ? "NONE" : outcome;
        Runnable count = () -> submissions.labelValues(k, o).inc();
        if (h.isInTransaction()) {
            h.afterCommit(count); // a submission rolled back was not made
        } else {
            count.run();
        }
    }

    private String outcomeIn(String data) {
        if (data == null) {
            return null;
        }
        try {
            JsonNode outcome = mapper.readTree(data).get("outcome");
            return outcome == null || !outcome.isTextual() ? null : outcome.asText();
        } catch (IOException notJson) {
            return null;
        }
    }
}
