package th.or.depa.smartcity.plan;

import th.or.depa.smartcity.store.StoredJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.facts.PlanStatus;
import th.or.depa.smartcity.facts.Request;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.history.NewEvent;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.store.CriterionStatuses;
import th.or.depa.smartcity.store.EvaluationRow;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.store.PlanFilter;
import th.or.depa.smartcity.store.PlanRow;
import th.or.depa.smartcity.workflow.Workflow;

/**
 * Reading and listing plans, and revising one: a revision is validated, evaluated by the rules in force, placed by
 * the workflow rules, and stored with its evaluation and events in one transaction, all of it or nothing. New plans
 * are submitted through submission/Submissions.
 */
public final class PlanService {

    /** A plan as the API shows it: its current row, the latest revision's content, and the latest evaluation. */
    public record PlanDetails(PlanRow row, JsonNode content, Evaluation evaluation) {
    }

    public record Page(List<PlanRow> items, long total) {
    }

    private final Jdbi jdbi;
    private final PlanReader reader;
    private final PlanEvaluator evaluator;
    private final RuleSets ruleSets;
    private final EventLog eventLog;
    private final ObjectMapper mapper;
    private final Clock clock;
    // for single statements outside a transaction; a transaction attaches its DAOs to its handle once
    private final PlanDao planDao;
    private final ProvinceCheck provinceCheck;
    private volatile CertificateLife certificates = CertificateLife.NONE;

    public PlanService(Jdbi jdbi, PlanReader reader, PlanEvaluator evaluator, RuleSets ruleSets, EventLog eventLog,
                       ObjectMapper mapper, Clock clock) {
        this.eventLog = eventLog;
        this.jdbi = jdbi;
        this.reader = reader;
        this.evaluator = evaluator;
        this.ruleSets = ruleSets;
        this.mapper = mapper;
        this.clock = clock;
        this.planDao = jdbi.onDemand(PlanDao.class);
        this.provinceCheck = new ProvinceCheck(jdbi, reader.provinces());
    }

    /** Wires the certificate rules in (they need this service, so they come after it). */
    public void use(CertificateLife certificates) {
        this.certificates = certificates;
    }

    /** The plan's certificate as the API shows it, with its status today; null without one. */
    public JsonNode certificate(PlanRow p) {
        JsonNode cert = p.certificate() == null ? null : StoredJson.read(mapper, p.certificate());
        if (cert instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            String status = certificates.status(p);
            if (status != null) {
                o.put("status", status);
            }
        }
        return cert;
    }

    /** Evaluates a plan body under the rules in force without storing anything. */
    public Evaluation dryRun(byte[] body) {
        Plan plan = reader.read(body);
        RuleSets.InForce rules = ruleSets.inForce();
        return evaluator.evaluate(rules.rules(), rules.version(), plan);
    }

    /** A stored answer: what POST /api/plans said the first time, replayed for a retry with the same key. */
    public record Answer(int status, String body, String planId) {
    }

    /**
     * A new revision by the owning city, evaluated at once; the workflow rules say whether a revision is allowed
     * now and where it lands. Order of refusals: 403 (role), 404 (not yours), 413/400/422 (body), 409 (state).
     */
    public PlanDetails revise(User city, String planId, java.io.InputStream body,
                              java.util.function.Function<java.io.InputStream, byte[]> readBody) {
        RuleSets.InForce rules = ruleSets.inForce();
        Workflow.checkRole(rules, new Request("REVISE", city.id(), city.role().name(), city.body(), false, true,
                null, null));
        find(city, planId).orElseThrow(PlanNotFound::new);
        Plan plan = reader.read(readBody.apply(body));
        provinceCheck.check(city, plan);
        Evaluation judged = evaluator.evaluate(rules.rules(), rules.version(), plan); // no connection held
        return OptimisticWrite.run(() -> {
            PlanRow p = planDao.find(planId).orElseThrow(PlanNotFound::new);
            Instant now = now();
            int revision = p.revision() + 1;
            Evaluation evaluation = judged.forPlan(UUID.randomUUID().toString(), planId, revision);
            String state = Workflow.decide(rules, List.of(
                    new Request("REVISE", city.id(), city.role().name(), city.body(), false, true, null, null),
                    new PlanStatus(p.state(), plan.city().kind(), evaluation.outcome())));
            PlanRow row = p.revised(plan.reference(), plan.city().name(), plan.city().nameTh(),
                    plan.city().province(), plan.city().kind(), state, evaluation.outcome(), evaluation.id(), now);
            String content = StoredJson.write(mapper, plan);
            return jdbi.inTransaction(h -> {
                PlanDao plans = h.attach(PlanDao.class);
                // the plan moved on since it was read and judged: judge it again
                if (plans.lock(planId).orElseThrow(PlanNotFound::new).lockVersion() != p.lockVersion()
                        || plans.updatePlan(row) != 1) {
                    return Optional.<PlanDetails>empty();
                }
                plans.insertRevision(planId, revision, content, now);
                plans.insertEvaluation(evaluationRow(evaluation, rules));
                eventLog.append(h.attach(EventDao.class), planId, new NewEvent("REVISED", city, now, p.state(),
                        p.state(), null, rules.version(), rules.rules().sha256(),
                        StoredJson.write(mapper, Map.of("revision", revision))),
                        new NewEvent("EVALUATED", city, now, p.state(), state, null, rules.version(),
                                rules.rules().sha256(), StoredJson.write(mapper, Map.of("evaluationId",
                                        evaluation.id(), "revision", revision, "outcome", evaluation.outcome()))));
                return Optional.of(new PlanDetails(row, mapper.valueToTree(plan), evaluation));
            });
        });
    }

    /** The plan if it exists and the caller may see it; another city's plan is as absent as a missing one. */
    public Optional<PlanDetails> find(User caller, String planId) {
        // one handle for the reads: the on-demand DAO joins it
        // a certificate past its validUntil is expired first (its own transaction), so no answer shows it CERTIFIED
        Optional<PlanRow> seen = planDao.find(planId).filter(p -> caller.maySee(p.organisation()))
                .map(certificates::current);
        return seen.map(p -> jdbi.withHandle(h -> details(planDao, p)));
    }

    public Optional<List<Evaluation>> evaluations(User caller, String planId) {
        return jdbi.withHandle(h -> planDao.find(planId).filter(p -> caller.maySee(p.organisation()))
                .map(p -> planDao.evaluations(planId).stream().map(this::evaluationOf).toList()));
    }

    public Page list(User caller, PlanFilter filter, int limit, long offset) {
        PlanFilter scoped = caller.role() == th.or.depa.smartcity.auth.Role.CITY
                ? filter.forOrganisation(caller.organisation() == null ? "" : caller.organisation())
                : filter;
        certificates.expireDue();
        return jdbi.withHandle(h -> new Page(planDao.list(scoped, limit, offset), planDao.count(scoped)));
    }

    public PlanDetails details(PlanDao plans, PlanRow p) {
        JsonNode content = plans.content(p.id(), p.revision()).map(c -> StoredJson.read(mapper, c)).orElse(null);
        Evaluation evaluation = p.latestEvaluationId() == null ? null
                : plans.evaluation(p.latestEvaluationId()).map(this::evaluationOf).orElse(null);
        return new PlanDetails(p, content, evaluation);
    }

    public Evaluation evaluationOf(EvaluationRow row) {
        try {
            return mapper.readValue(row.result(), Evaluation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("evaluation " + row.id() + " is stored unreadably", e);
        }
    }

    public EvaluationRow evaluationRow(Evaluation e, RuleSets.InForce rules) {
        return evaluationRow(mapper, e, rules);
    }

    /** An evaluation as stored: with the rule set that made it and its JSON (a submission's, a revision's). */
    public static EvaluationRow evaluationRow(ObjectMapper mapper, Evaluation e, RuleSets.InForce rules) {
        return new EvaluationRow(e.id(), e.planId(), e.revision(), rules.version(), rules.rules().sha256(),
                e.outcome(), StoredJson.write(mapper, e), e.evaluatedAt(), CriterionStatuses.write(statuses(e)));
    }

    /** Each criterion's status in the evaluation's order: what impact analysis reads of it (V15). */
    static Map<String, String> statuses(Evaluation e) {
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        e.criteria().forEach(c -> statuses.put(c.id(), c.status()));
        return statuses;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
