package th.or.depa.smartcity.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.RenewalEvaluator;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.facts.CurrentCertificate;
import th.or.depa.smartcity.facts.PlanStatus;
import th.or.depa.smartcity.facts.Refusal;
import th.or.depa.smartcity.facts.Request;
import th.or.depa.smartcity.facts.Today;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.history.NewEvent;
import th.or.depa.smartcity.plan.IdempotencyKeyReused;
import th.or.depa.smartcity.plan.OptimisticWrite;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.PlanNotFound;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.plan.ProgressReader;
import th.or.depa.smartcity.plan.ProgressReport;
import th.or.depa.smartcity.plan.Sha256;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.IdempotencyRow;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.store.PlanRow;
import th.or.depa.smartcity.store.RenewalDao;
import th.or.depa.smartcity.store.RenewalRow;
import th.or.depa.smartcity.store.StoredJson;

/**
 * A certified city's renewal (README "Renewal"): reads its progress report against the certified plan, has the renewal
 * criteria judge it and the workflow rules decide where the plan goes (RENEW), and stores the report, its evaluation and
 * a RENEWAL_SUBMITTED event in one short transaction under the plan's lock. Order of refusals as for a revision:
 * 403 (role), 404 (not yours), 413/400/422 (body), 409 (state or window).
 */
public final class RenewalService {

    /** A stored progress report with its evaluation, as the API shows it. */
    public record RenewalView(String id, Instant submittedAt, JsonNode report, Evaluation evaluation,
                              String result) {
    }

    /** The plan after a renewal was submitted, and the renewal. */
    public record Renewed(PlanService.PlanDetails plan, RenewalView renewal) {
    }

    private final Jdbi jdbi;
    private final PlanService plans;
    private final RenewalEvaluator evaluator;
    private final ProgressReader reader;
    private final RuleSets ruleSets;
    private final EventLog eventLog;
    private final ObjectMapper mapper;
    private final Clock clock;

    public RenewalService(Jdbi jdbi, PlanService plans, RenewalEvaluator evaluator, ProgressReader reader,
                          RuleSets ruleSets, EventLog eventLog, ObjectMapper mapper, Clock clock) {
        this.jdbi = jdbi;
        this.plans = plans;
        this.evaluator = evaluator;
        this.reader = reader;
        this.ruleSets = ruleSets;
        this.eventLog = eventLog;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Submits once per Idempotency-Key and user, as POST /api/plans does: a retry with the same body gets the first
     * answer back; the same key with another body is refused. render turns the renewal into the answer body.
     */
    public PlanService.Answer renewOnce(User city, String planId, byte[] body, String key,
                                        Function<Renewed, String> render) {
        RuleSets.InForce rules = ruleSets.inForce();
        Workflow.checkRole(rules, request(city));
        plans.find(city, planId).orElseThrow(PlanNotFound::new);
        String sha = Sha256.hex(body);
        if (key != null) {
            Optional<PlanService.Answer> replay = replay(city, planId, key, sha);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        try {
            String answer = OptimisticWrite.run(() -> attempt(rules, city, planId, body, sha, key, render));
            return new PlanService.Answer(201, answer, planId);
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException race) {
            // a concurrent retry with the same key stored first: answer as it did
            if (key == null) {
                throw race;
            }
            return replay(city, planId, key, sha).orElseThrow(() -> race);
        }
    }

    private Optional<PlanService.Answer> replay(User city, String planId, String key, String sha) {
        Optional<IdempotencyRow> done = jdbi.onDemand(PlanDao.class).idempotency(city.id(), key);
        if (done.isPresent() && !done.get().requestSha256().equals(sha)) {
            throw new IdempotencyKeyReused();
        }
        return done.map(r -> new PlanService.Answer(r.status(), r.response(), planId));
    }

    private Optional<String> attempt(RuleSets.InForce rules, User city, String planId, byte[] body, String sha,
                                     String key, Function<Renewed, String> render) {
        PlanRow p = jdbi.withHandle(h -> h.attach(PlanDao.class).find(planId)).orElseThrow(PlanNotFound::new);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LocalDate today = LocalDate.ofInstant(now, WorkflowService.BANGKOK);
        CurrentCertificate certificate = Renewals.current(mapper, p.certificate());
        List<Object> facts = new ArrayList<>(List.of(request(city), new Today(today)));
        if (certificate == null) {
            // nothing to renew: the rules refuse (a body is not read against a certificate that does not exist)
            facts.add(new PlanStatus(p.state(), p.kind(), p.outcome()));
            Workflow.decide(rules, facts);
            throw new IllegalStateException("the workflow rules renewed a plan without a certificate");
        }
        Plan content = content(p);
        ProgressReport report = reader.read(body, content, certificate.validFrom().getYear(),
                certificate.validUntil().getYear());
        String renewalId = UUID.randomUUID().toString();
        Evaluation evaluation = evaluator.evaluate(rules.rules(), rules.version(), content, report,
                certificate.domains(), today);
        if (evaluation == null) {
            Refusal none = Refusal.notNow("noRenewalCriteria");
            throw new WorkflowRefusal(none, Texts.of(rules.rules().files()).refusal(none, "renewal", false));
        }
        evaluation = evaluation.forPlan(renewalId, planId, p.revision());
        facts.add(new PlanStatus(p.state(), p.kind(), evaluation.outcome()));
        facts.add(certificate);
        String to = Workflow.decide(rules, facts);
        Evaluation judged = evaluation;
        return jdbi.inTransaction(h -> {
            PlanDao dao = h.attach(PlanDao.class);
            PlanRow locked = dao.lock(planId).orElseThrow(PlanNotFound::new);
            if (locked.lockVersion() != p.lockVersion()) {
                return Optional.<String>empty();
            }
            PlanRow moved = p.moved(to, now, p.certificate());
            if (dao.updatePlan(moved) != 1) {
                return Optional.<String>empty();
            }
            RenewalRow row = new RenewalRow(renewalId, planId, city.id(), now, StoredJson.write(mapper, report),
                    StoredJson.write(mapper, judged), judged.outcome(), rules.version(), rules.rules().sha256(),
                    null, null, null);
            h.attach(RenewalDao.class).insert(row);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("renewalId", renewalId);
            data.put("outcome", judged.outcome());
            data.put("notMet", judged.idsWithStatus("NOT_MET"));
            eventLog.append(h.attach(EventDao.class), planId, new NewEvent("RENEWAL_SUBMITTED", city, now, p.state(),
                    to, null, rules.version(), rules.rules().sha256(), StoredJson.write(mapper, data)));
            PlanRow stored = moved.written();
            String answer = render.apply(new Renewed(plans.details(dao, stored), view(row)));
            if (key != null) {
                dao.insertIdempotency(new IdempotencyRow(city.id(), key, sha, 201, answer), now);
            }
            return Optional.of(answer);
        });
    }

    /**
     * A progress report to fill in, for the city's form: every KPI at its baseline in this year, every service in
     * progress with nothing spent, the platform not operating (all to be corrected by the city, none of it judged).
     */
    public ObjectNode blankReport(User caller, String planId) {
        PlanService.PlanDetails d = plans.find(caller, planId).orElseThrow(PlanNotFound::new);
        Plan plan = content(d.row());
        int year = LocalDate.ofInstant(clock.instant(), WorkflowService.BANGKOK).getYear();
        ObjectNode r = mapper.createObjectNode();
        var kpis = r.putArray("kpis");
        var services = r.putArray("services");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Plan.DomainPlan dp : plan.domains() == null ? List.<Plan.DomainPlan>of() : plan.domains()) {
            for (Plan.Service s : dp.services() == null ? List.<Plan.Service>of() : dp.services()) {
                if (s.name() != null && seen.add("s:" + s.name())) {
                    services.addObject().put("service", s.name()).put("status", "IN_PROGRESS").put("spentToDate", 0);
                }
                for (Plan.Kpi k : s.kpis() == null ? List.<Plan.Kpi>of() : s.kpis()) {
                    if (k.name() != null && seen.add("k:" + k.name())) {
                        kpis.addObject().put("kpi", k.name())
                                .put("achieved", k.baseline() == null ? java.math.BigDecimal.ZERO : k.baseline())
                                .put("year", year);
                    }
                }
            }
        }
        r.putObject("dataPlatform").put("operating", false);
        r.put("note", "");
        return r;
    }

    /** The certificates renewals continued, oldest first, each with status RENEWED (api: the plan's certificates). */
    public List<JsonNode> previousCertificates(String planId) {
        return jdbi.withHandle(h -> h.attach(RenewalDao.class).renewed(planId)).stream().map(r -> {
            ObjectNode c = (ObjectNode) StoredJson.read(mapper, r.replacedCertificate());
            c.put("status", "RENEWED");
            return (JsonNode) c;
        }).toList();
    }

    /** The plan's latest progress report with its evaluation, if the city sent one (the caller may see the plan). */
    public Optional<RenewalView> latest(User caller, String planId) {
        plans.find(caller, planId).orElseThrow(PlanNotFound::new);
        return jdbi.withHandle(h -> h.attach(RenewalDao.class).latest(planId)).map(this::view);
    }

    private RenewalView view(RenewalRow r) {
        try {
            return new RenewalView(r.id(), r.submittedAt(), StoredJson.read(mapper, r.report()),
                    mapper.readValue(r.evaluation(), Evaluation.class), r.result());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("renewal " + r.id() + " is stored unreadably", e);
        }
    }

    private Plan content(PlanRow p) {
        String text = jdbi.withHandle(h -> h.attach(PlanDao.class).content(p.id(), p.revision())).orElseThrow();
        try {
            return mapper.readValue(text, Plan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan " + p.id() + " is stored unreadably", e);
        }
    }

    private static Request request(User city) {
        // owner: plans.find has already answered 404 to anyone whose organisation does not own the plan
        return new Request(WorkflowService.RENEW, city.id(), city.role().name(), city.body(), false, true, null, null);
    }
}
