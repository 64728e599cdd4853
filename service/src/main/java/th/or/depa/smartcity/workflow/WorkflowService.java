package th.or.depa.smartcity.workflow;

import th.or.depa.smartcity.store.StoredJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.evaluation.PlanFacts;
import th.or.depa.smartcity.facts.Ballot;
import th.or.depa.smartcity.facts.CurrentCertificate;
import th.or.depa.smartcity.facts.Domain;
import th.or.depa.smartcity.facts.PlanStatus;
import th.or.depa.smartcity.facts.Request;
import th.or.depa.smartcity.facts.Today;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.history.NewEvent;
import th.or.depa.smartcity.plan.OptimisticWrite;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.plan.Plan;
import th.or.depa.smartcity.plan.PlanFormatException;
import th.or.depa.smartcity.plan.PlanNotFound;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.store.PlanRow;
import th.or.depa.smartcity.store.RenewalDao;
import th.or.depa.smartcity.store.RenewalRow;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.store.UserRow;
import th.or.depa.smartcity.store.VoteDao;
import th.or.depa.smartcity.store.VoteRow;

/**
 * Applies the committee workflow: reads the facts (plan state, caller, members, votes), asks the rules with no
 * connection held, and writes what they decided with its events in one short transaction under the plan's row lock,
 * provided none of those facts changed meanwhile (OptimisticWrite).
 */
public final class WorkflowService {

    public static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final Set<String> VOTES = Set.of("APPROVE", "REJECT", "ABSTAIN");
    /**
     * The actions of workflow.md a page offers as forms, in this order; the rules decide who may take which, and
     * refuse any other (unknownAction).
     */
    public static final List<String> ACTIONS = List.of("FORWARD", "REQUEST_REVISION", "REJECT", "CLOSE_VOTE",
            "WITHDRAW", "REVOKE");
    /** The city's renewal (POST /api/plans/{id}/renewal with a progress report), not a form of its own. */
    public static final String RENEW = "RENEW";
    /** Stands in for the comment a dry run cannot know, so that a missing comment does not hide the real answer. */
    private static final String SOME_COMMENT = "(dry run)";

    /** The plan after an action, with the tally when the action closed a vote. */
    public record Acted(PlanService.PlanDetails plan, TallyView tally) {
    }

    public record History(List<EventRow> events, boolean chainVerified) {
    }

    private final Jdbi jdbi;
    private final PlanService plans;
    private final PlanEvaluator evaluator;
    private final RuleSets ruleSets;
    private final EventLog eventLog;
    private final ObjectMapper mapper;
    private final Clock clock;

    public WorkflowService(Jdbi jdbi, PlanService plans, PlanEvaluator evaluator, RuleSets ruleSets,
                           EventLog eventLog, ObjectMapper mapper, Clock clock) {
        this.eventLog = eventLog;
        this.jdbi = jdbi;
        this.plans = plans;
        this.evaluator = evaluator;
        this.ruleSets = ruleSets;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * An action: read the plan and what the rules need (short read), judge with the rules (no connection held),
     * then write in a short transaction if nothing the rules read has changed meanwhile, else judge again.
     */
    public Acted act(User user, String planId, String action, String comment) {
        RuleSets.InForce rules = ruleSets.inForce();
        Workflow.checkRole(rules, request(user, action, comment, null, false, false));
        plans.find(user, planId).orElseThrow(PlanNotFound::new);
        if (RENEW.equals(action)) {
            // a renewal carries a progress report: only RenewalService (POST /api/plans/{id}/renewal) takes it
            throw new PlanFormatException(422, List.of(new FieldError("action",
                    "a renewal is submitted with its progress report to /api/plans/{id}/renewal")));
        }
        Outcome result = OptimisticWrite.run(() -> {
            Seen seen = jdbi.withHandle(h -> seen(h, planId, true));
            Judged judged = judge(rules, user, seen, action, comment);
            return jdbi.inTransaction(h -> write(h, rules, user, seen, judged, action, comment));
        });
        if (result.decision().refusal() != null) {
            throw result.decision().refused(); // after the commit: the transition stands
        }
        return result.acted();
    }

    private record Outcome(Acted acted, Workflow.Decision decision) {
    }

    /** What the rules read about a plan, as one short read saw it; judgedBy: the rule set of its latest evaluation. */
    private record Seen(PlanRow plan, Plan content, List<UserRow> members, List<Ballot> ballots, String judgedBy,
                        CurrentCertificate certificate) {

        /** Whether the plan, its committee or its ballots changed since this was read (under the plan's lock). */
        boolean changedIn(Handle h, PlanRow locked) {
            return locked.lockVersion() != plan.lockVersion()
                    || !h.attach(UserDao.class).members().equals(members)
                    || !WorkflowService.ballots(h, locked).equals(ballots);
        }
    }

    /** The judgement: the decision, and the plan it was made on (re-evaluated when the rules in force changed). */
    private record Judged(Instant at, PlanRow plan, Evaluation reevaluation, Workflow.Decision decision) {
    }

    private Seen seen(Handle h, String planId, boolean withContent) {
        PlanDao dao = h.attach(PlanDao.class);
        PlanRow p = dao.find(planId).orElseThrow(PlanNotFound::new);
        String judgedBy = withContent ? dao.evaluation(p.latestEvaluationId()).map(e -> e.ruleSetSha256()).orElse("")
                : null;
        return new Seen(p, withContent ? content(dao, p) : null, h.attach(UserDao.class).members(), ballots(h, p),
                judgedBy, Renewals.current(mapper, p.certificate()));
    }

    private Judged judge(RuleSets.InForce rules, User user, Seen seen, String action, String comment) {
        Instant now = now();
        PlanRow p = seen.plan();
        Evaluation re = null;
        if ("FORWARD".equals(action) && !seen.judgedBy().equals(rules.rules().sha256())) {
            // FORWARD under a rule set other than the one that last judged the plan evaluates it again first
            re = evaluator.evaluate(rules.rules(), rules.version(), seen.content())
                    .forPlan(UUID.randomUUID().toString(), p.id(), p.revision());
            p = p.judged(re.outcome(), re.id());
        }
        Workflow.Decision d = Workflow.consult(rules, facts(user, seen, p, now, action, comment, null));
        if (d.to() == null) {
            throw d.refused();
        }
        return new Judged(now, p, re, d);
    }

    /** The facts the workflow rules judge a request on: the request, the plan, today, the bodies and the ballots. */
    private static List<Object> facts(User user, Seen seen, PlanRow p, Instant now, String action, String comment,
                                      String vote) {
        Committees committees = new Committees(seen.members());
        List<Object> facts = new ArrayList<>();
        facts.add(request(user, action, comment, vote, committees.chairs(user), user.maySee(p.organisation())));
        facts.add(new PlanStatus(p.state(), p.kind(), p.outcome()));
        facts.add(new Today(LocalDate.ofInstant(now, BANGKOK)));
        if (seen.certificate() != null) {
            facts.add(seen.certificate());
        }
        facts.addAll(committees.asFacts());
        facts.addAll(seen.ballots());
        if (seen.content() != null) {
            PlanFacts.of(seen.content()).stream().filter(Domain.class::isInstance).forEach(facts::add);
        }
        return facts;
    }

    /**
     * A dry run: what the rules would answer this user for each action, a vote and a revision now, on the same facts
     * act and vote read, writing nothing. A FORWARD after a change of the rule set in force is judged here on the
     * plan's latest evaluation; act evaluates it again first, as always.
     */
    public Available available(User user, String planId) {
        RuleSets.InForce rules = ruleSets.inForce();
        plans.find(user, planId).orElseThrow(PlanNotFound::new);
        Seen seen = jdbi.withHandle(h -> seen(h, planId, true));
        Instant now = now();
        List<Available.Option> actions = new ArrayList<>();
        for (String action : ACTIONS) {
            dryRun(rules, user, seen, now, action, null).ifPresent(actions::add);
        }
        Workflow.Decision close = Workflow.consult(rules, facts(user, seen, seen.plan(), now, "CLOSE_VOTE", null, null));
        TallyView tally = close.tally() == null || actions.stream().noneMatch(o -> o.action().equals("CLOSE_VOTE"))
                ? null : TallyView.of(close.tally(), close.verdict());
        Seen asIfPassing = new Seen(seen.plan().withOutcome("PASS"), seen.content(), seen.members(), seen.ballots(),
                seen.judgedBy(), seen.certificate());
        return new Available(actions, dryRun(rules, user, seen, now, "VOTE", "ABSTAIN"),
                dryRun(rules, user, seen, now, "REVISE", null), tally,
                dryRun(rules, user, asIfPassing, now, RENEW, null));
    }

    /** One request asked twice: without a comment (does it need one?) and with one (the answer otherwise). */
    private static Optional<Available.Option> dryRun(RuleSets.InForce rules, User user, Seen seen, Instant now,
                                                     String action, String vote) {
        Workflow.Decision bare = Workflow.consult(rules, facts(user, seen, seen.plan(), now, action, null, vote));
        if (bare.refusal() != null && bare.refusal().code() == 403) {
            return Optional.empty();
        }
        boolean needsComment = bare.refusal() != null && bare.refusal().code() == 422
                && "comment".equals(bare.refusal().field());
        Workflow.Decision d = needsComment
                ? Workflow.consult(rules, facts(user, seen, seen.plan(), now, action, SOME_COMMENT, vote)) : bare;
        return Optional.of(new Available.Option(action, d.refusal() == null ? null : d.reason(), needsComment));
    }

    private Optional<Outcome> write(Handle h, RuleSets.InForce rules, User user, Seen seen, Judged j, String action,
                                    String comment) {
        PlanDao dao = h.attach(PlanDao.class);
        EventDao events = h.attach(EventDao.class);
        PlanRow locked = dao.lock(seen.plan().id()).orElseThrow(PlanNotFound::new);
        if (seen.changedIn(h, locked)) {
            return Optional.empty();
        }
        Workflow.Decision d = j.decision();
        PlanRow p = j.plan();
        String certificate = d.certificate() == null ? p.certificate() : StoredJson.write(mapper, d.certificate());
        PlanRow moved = p.moved(d.to(), j.at(), certificate);
        if (j.reevaluation() != null) {
            dao.insertEvaluation(plans.evaluationRow(j.reevaluation(), rules));
        }
        if (dao.updatePlan(moved) != 1) {
            return Optional.empty();
        }
        String planId = p.id();
        if (j.reevaluation() != null) {
            Evaluation e = j.reevaluation();
            append(events, rules, planId, "EVALUATED", user, j.at(), p.state(), p.state(), null,
                    Map.of("evaluationId", e.id(), "revision", p.revision(), "outcome", e.outcome(),
                            "reason", "the rule set in force changed"));
        }
        TallyView tally = d.tally() == null ? null : TallyView.of(d.tally(), d.verdict());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("action", action);
        Optional<RenewalRow> renewal = h.attach(RenewalDao.class).latest(planId);
        if ("REVOKE".equals(action)) {
            // the evidence of non-delivery: the latest progress report, if the city sent one
            renewal.ifPresent(r -> data.put("progressReportId", r.id()));
        }
        append(events, rules, planId, "ACTION", user, j.at(), p.state(), d.to(), comment, data);
        if (tally != null) {
            append(events, rules, planId, "TALLY", user, j.at(), p.state(), d.to(), null, tally);
        }
        if (d.renewal() != null) {
            String replaced = "RENEWED".equals(d.renewal().event()) ? p.certificate() : null;
            Map<String, Object> renewed = new LinkedHashMap<>();
            renewal.ifPresent(r -> {
                renewed.put("renewalId", r.id());
                h.attach(RenewalDao.class).decide(r.id(), d.renewal().event(), replaced, j.at());
            });
            if (d.certificate() != null) {
                renewed.put("certificate", d.certificate());
                renewed.put("previous", StoredJson.read(mapper, p.certificate()));
            }
            append(events, rules, planId, d.renewal().event(), user, j.at(), p.state(), d.to(), null, renewed);
        } else if (d.certificate() != null) {
            append(events, rules, planId, "CERTIFIED", user, j.at(), p.state(), d.to(), null, d.certificate());
        }
        PlanRow stored = moved.written();
        return Optional.of(new Outcome(new Acted(plans.details(dao, stored), tally), d));
    }

    /** A vote ({"vote": APPROVE|REJECT|ABSTAIN}) or a recusal ({"recuse": true}) in the current review round. */
    public VoteRow vote(User user, String planId, String vote, Boolean recuse, String comment) {
        RuleSets.InForce rules = ruleSets.inForce();
        boolean recused = Boolean.TRUE.equals(recuse);
        Workflow.checkRole(rules, request(user, "VOTE", comment, vote, false, false));
        plans.find(user, planId).orElseThrow(PlanNotFound::new);
        if (recused == (vote != null) || (vote != null && !VOTES.contains(vote))) {
            throw new PlanFormatException(422, List.of(new FieldError(recused ? "recuse" : "vote",
                    "give either vote (APPROVE, REJECT or ABSTAIN) or recuse: true")));
        }
        return OptimisticWrite.run(() -> {
            Seen seen = jdbi.withHandle(h -> seen(h, planId, false));
            PlanRow p = seen.plan();
            Committees committees = new Committees(seen.members());
            List<Object> facts = new ArrayList<>();
            facts.add(request(user, "VOTE", comment, recused ? "RECUSE" : vote, committees.chairs(user), false));
            facts.add(new PlanStatus(p.state(), p.kind(), p.outcome()));
            facts.addAll(seen.ballots());
            Workflow.decide(rules, facts);
            Instant now = now();
            VoteRow row = new VoteRow(planId, p.reviewRound(), user.body(), user.id(), recused ? null : vote,
                    recused, comment, now);
            return jdbi.inTransaction(h -> {
                if (seen.changedIn(h, h.attach(PlanDao.class).lock(planId).orElseThrow(PlanNotFound::new))) {
                    return Optional.<VoteRow>empty();
                }
                h.attach(VoteDao.class).insert(row);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("body", user.body());
                data.put("round", p.reviewRound());
                data.put("vote", row.vote());
                append(h.attach(EventDao.class), rules, planId, recused ? "RECUSAL" : "VOTE", user, now, p.state(),
                        p.state(), comment, data);
                return Optional.of(row);
            });
        });
    }

    /** The plan's certificate as the API shows it, with its status (PlanService.certificate). */
    public com.fasterxml.jackson.databind.JsonNode certificate(PlanRow p) {
        return plans.certificate(p);
    }

    public History history(User user, String planId) {
        plans.find(user, planId).orElseThrow(PlanNotFound::new);
        // one snapshot for the events and the head, so a concurrent append never looks like tampering
        return jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ, h -> {
            EventDao events = h.attach(EventDao.class);
            return new History(events.all(planId), eventLog.verify(events, planId));
        });
    }

    private static List<Ballot> ballots(Handle h, PlanRow p) {
        return h.attach(VoteDao.class).ofRound(p.id(), p.reviewRound()).stream()
                .map(v -> new Ballot(v.memberId(), v.vote(), v.recused())).toList();
    }

    private static Request request(User u, String action, String comment, String vote, boolean chair, boolean owner) {
        return new Request(action, u.id(), u.role().name(), u.body(), chair, owner, comment, vote);
    }

    private Plan content(PlanDao dao, PlanRow p) {
        try {
            return mapper.readValue(dao.content(p.id(), p.revision()).orElseThrow(), Plan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plan " + p.id() + " is stored unreadably", e);
        }
    }

    private void append(EventDao events, RuleSets.InForce rules, String planId, String type, User user, Instant at,
                        String before, String after, String comment, Object data) {
        eventLog.append(events, planId, new NewEvent(type, user, at, before, after, comment, rules.version(),
                rules.rules().sha256(), StoredJson.write(mapper, data)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
