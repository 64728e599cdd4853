package th.or.depa.smartcity.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.facts.CertificateHeld;
import th.or.depa.smartcity.facts.CertificateStatus;
import th.or.depa.smartcity.facts.PlanStatus;
import th.or.depa.smartcity.facts.Request;
import th.or.depa.smartcity.facts.Today;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.history.NewEvent;
import th.or.depa.smartcity.plan.CertificateLife;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.store.PlanRow;
import th.or.depa.smartcity.store.StoredJson;

/**
 * Certificates over their life, as rules/workflow/certificate.drl decides: a certificate's status today, and the
 * expiry of a certified plan (the service's own EXPIRE request) with an EXPIRED event by the actor "system". An expiry
 * is judged and written under the plan's row lock with the optimistic write of every workflow step, so a sweep,
 * another instance's sweep, a read and a committee action never apply it twice or interleave with it.
 */
public final class Certificates implements CertificateLife {

    /** The job_locks row the sweep locks (V9). */
    static final String JOB = "certificate-expiry";
    /** The plans one sweep expires at most; the next sweep (or read) takes the rest. */
    static final int BATCH = 500;
    /** The state whose plans the sweep asks about (an index prefilter: the rules decide each). */
    private static final String CERTIFIED = "CERTIFIED";

    private final Jdbi jdbi;
    private final RuleSets ruleSets;
    private final EventLog eventLog;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final PlanDao onDemand;

    public Certificates(Jdbi jdbi, RuleSets ruleSets, EventLog eventLog, ObjectMapper mapper, Clock clock) {
        this.jdbi = jdbi;
        this.ruleSets = ruleSets;
        this.eventLog = eventLog;
        this.mapper = mapper;
        this.clock = clock;
        this.onDemand = jdbi.onDemand(PlanDao.class);
    }

    /** The calendar day in Asia/Bangkok on the service's clock (CLOCK_OFFSET included). */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), WorkflowService.BANGKOK);
    }

    @Override
    public String status(PlanRow p) {
        return status(p.state(), p.certificate());
    }

    /** The status of a certificate (its stored JSON) of a plan in a state, today; null without one. */
    public String status(String planState, String certificate) {
        LocalDate until = PlanRow.validUntil(certificate);
        return until == null ? null : status(ruleSets.inForce(), new CertificateHeld(planState, until,
                renewed(certificate)), today());
    }

    /** A certificate in its renewal window, as the decisions report lists it (daysLeft: to validUntil, from today). */
    public record Expiring(String planId, String city, String cityTh, String province, LocalDate validUntil,
                           String status, long daysLeft) {
    }

    /**
     * The certificates that end within the renewal window from today (renewalWindowDays of the rules in force: the
     * next 180 days by default) and that the rules find RENEWAL_OPEN, soonest first; state and province filter.
     */
    public List<Expiring> expiringSoon(String state, String province) {
        RuleSets.InForce rules = ruleSets.inForce();
        var window = rules.rules().parameters().get("renewalWindowDays");
        if (window == null) {
            return List.of(); // a rule set from before certificate.drl
        }
        LocalDate today = today();
        List<Expiring> out = new java.util.ArrayList<>();
        for (PlanDao.Expiring e : onDemand.validUntilBetween(today, today.plusDays(window.intValue()), state,
                province)) {
            String status = status(rules, new CertificateHeld(e.state(), e.certificateValidUntil(),
                    renewed(e.certificate())), today);
            if ("RENEWAL_OPEN".equals(status)) {
                out.add(new Expiring(e.id(), e.city(), e.cityTh(), e.province(), e.certificateValidUntil(), status,
                        ChronoUnit.DAYS.between(today, e.certificateValidUntil())));
            }
        }
        return out;
    }

    /**
     * The status the rules in force give a certificate on a day; null when they give none (a rule set from before
     * certificate.drl): the certificate is then shown without a status rather than with a guess.
     */
    public static String status(RuleSets.InForce rules, CertificateHeld held, LocalDate today) {
        return rules.rules().decide(List.of(held, new Today(today)), rules.rules().parameters())
                .of(CertificateStatus.class).stream().map(i -> ((CertificateStatus) i.fact()).status())
                .findFirst().orElse(null);
    }

    /** A previous certificate that a renewal continued carries "renewed": true (written by the renewal). */
    private boolean renewed(String certificate) {
        JsonNode c = StoredJson.read(mapper, certificate);
        return c != null && c.path("renewed").asBoolean(false);
    }

    @Override
    public PlanRow current(PlanRow p) {
        if (p.certificate() == null) {
            return p;
        }
        RuleSets.InForce rules = ruleSets.inForce();
        if (expiry(rules, p, today()).to() == null) {
            return p; // the usual case: one rule run, no transaction
        }
        jdbi.useTransaction(h -> expire(h, rules, p.id()));
        return onDemand.find(p.id()).orElse(p);
    }

    @Override
    public void expireDue() {
        if (!onDemand.validUntilBefore(today(), CERTIFIED, 1).isEmpty()) {
            sweep();
        }
    }

    /**
     * One sweep: under the job's row lock (one instance at a time), the certified plans whose certificate may be
     * past its validUntil, each expired if the rules say so. Returns how many expired.
     */
    public int sweep() {
        RuleSets.InForce rules = ruleSets.inForce();
        return jdbi.inTransaction(h -> {
            PlanDao dao = h.attach(PlanDao.class);
            dao.lockJob(JOB);
            int expired = 0;
            for (String id : dao.validUntilBefore(today(), CERTIFIED, BATCH)) {
                expired += expire(h, rules, id) ? 1 : 0;
            }
            dao.jobRan(JOB, clock.instant());
            return expired;
        });
    }

    /** Fills certificate_valid_until for rows written before it existed (V9): at start, before the first sweep. */
    public int backfill() {
        return jdbi.inTransaction(h -> {
            PlanDao dao = h.attach(PlanDao.class);
            int n = 0;
            for (PlanDao.CertificateOnly c : dao.certificatesWithoutValidUntil()) {
                LocalDate until = PlanRow.validUntil(c.certificate());
                if (until != null) {
                    dao.setCertificateValidUntil(c.id(), until);
                    n++;
                }
            }
            return n;
        });
    }

    /** In the caller's transaction: locks the plan's row, asks the rules about the row as locked, writes an expiry. */
    private boolean expire(Handle h, RuleSets.InForce rules, String planId) {
        PlanDao dao = h.attach(PlanDao.class);
        PlanRow locked = dao.lock(planId).orElse(null);
        if (locked == null) {
            return false;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Workflow.Decision d = expiry(rules, locked, LocalDate.ofInstant(now, WorkflowService.BANGKOK));
        if (d.to() == null) {
            return false; // not due, or expired meanwhile by another sweep or read
        }
        PlanRow moved = locked.moved(d.to(), now, locked.certificate());
        if (dao.updatePlan(moved) != 1) {
            return false;
        }
        eventLog.append(h.attach(EventDao.class), planId, new NewEvent("EXPIRED", User.SYSTEM, now, locked.state(),
                d.to(), null, rules.version(), rules.rules().sha256(),
                StoredJson.write(mapper, Map.of("validUntil", String.valueOf(locked.certificateValidUntil())))));
        return true;
    }

    /** What the rules answer the service's EXPIRE request for a plan on a day (a refusal when it is not due). */
    private Workflow.Decision expiry(RuleSets.InForce rules, PlanRow p, LocalDate today) {
        LocalDate until = p.certificateValidUntil();
        List<Object> facts = new java.util.ArrayList<>(List.of(
                new Request("EXPIRE", null, "SYSTEM", null, false, false, null, null),
                new PlanStatus(p.state(), p.kind(), p.outcome()), new Today(today)));
        if (until != null) {
            facts.add(new CertificateHeld(p.state(), until, renewed(p.certificate())));
        }
        return Workflow.consult(rules, facts);
    }
}
