package th.or.depa.smartcity.report;

import th.or.depa.smartcity.store.StoredJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.store.EventDao;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.workflow.Certificates;

/**
 * Reads the plans of a decisions report from the database a page at a time (keyset on updated_at, id), so that a
 * year of decisions is never held in memory at once: two queries per page (plans with their latest evaluation and
 * revision, then the pages' TALLY events).
 */
public final class Decisions {

    static final int PAGE = 500;

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final int pageSize;
    private final Certificates certificates;

    public Decisions(Jdbi jdbi, ObjectMapper mapper, Certificates certificates) {
        this(jdbi, mapper, PAGE, certificates);
    }

    /** Without the certificate rules (a test's small pages): no statuses, no expiry first, nothing expiring soon. */
    Decisions(Jdbi jdbi, ObjectMapper mapper, int pageSize) {
        this(jdbi, mapper, pageSize, null);
    }

    Decisions(Jdbi jdbi, ObjectMapper mapper, int pageSize, Certificates certificates) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.pageSize = pageSize;
        this.certificates = certificates;
    }

    /**
     * The listed plans, newest first. The first page is read at once, so a database outage shows here. Certificates
     * past their validUntil are expired first, so that no line shows one CERTIFIED.
     */
    public Iterator<DecisionLine> open(DecisionQuery q) {
        expireDue();
        return new Pages(q);
    }

    /** The totals of the whole period, read page by page. */
    public DecisionTotals totals(DecisionQuery q) {
        DecisionTotals totals = new DecisionTotals();
        open(q).forEachRemaining(totals::add);
        return totals;
    }

    /** The month-by-month series of the period (Asia/Bangkok months), from the record and the evaluations. */
    public DecisionSeries.Series series(DecisionQuery q) {
        expireDue();
        return new DecisionSeries(jdbi, mapper, certificates).of(q);
    }

    private void expireDue() {
        if (certificates != null) {
            certificates.expireDue();
        }
    }

    private final class Pages implements Iterator<DecisionLine> {
        private final DecisionQuery q;
        private List<DecisionLine> page;
        private int next;

        Pages(DecisionQuery q) {
            this.q = q;
            this.page = page(q, q.toInstantExclusive(), "");
        }

        @Override
        public boolean hasNext() {
            if (next < page.size()) {
                return true;
            }
            if (page.size() < pageSize) {
                return false;
            }
            DecisionLine last = page.get(page.size() - 1);
            page = page(q, last.updatedAt(), last.id());
            next = 0;
            return !page.isEmpty();
        }

        @Override
        public DecisionLine next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(next++);
        }
    }

    List<DecisionLine> page(DecisionQuery q, Instant afterAt, String afterId) {
        return jdbi.withHandle(h -> {
            List<PlanDao.ReportRow> rows = h.attach(PlanDao.class).reportPage(q.fromInstant(), q.toInstantExclusive(),
                    q.status(), q.province(), afterAt, afterId, pageSize);
            if (rows.isEmpty()) {
                return List.of();
            }
            Map<String, List<DecisionLine.Tally>> tallies = new LinkedHashMap<>();
            for (EventRow e : h.attach(EventDao.class).ofType("TALLY", rows.stream().map(PlanDao.ReportRow::id)
                    .toList())) {
                JsonNode data = StoredJson.read(mapper, e.data());
                if (data != null) {
                    tallies.computeIfAbsent(e.planId(), k -> new ArrayList<>()).add(tally(data));
                }
            }
            return rows.stream().map(r -> line(r, tallies.getOrDefault(r.id(), List.of()))).toList();
        });
    }

    private DecisionLine line(PlanDao.ReportRow r, List<DecisionLine.Tally> tallies) {
        Evaluation ev = r.evaluation() == null ? null : evaluation(r.evaluation());
        List<Evaluation.CriterionResult> criteria = ev == null ? List.of() : ev.criteria();
        JsonNode cert = StoredJson.read(mapper, r.certificate());
        DecisionLine.Dates dates = cert == null ? null
                : new DecisionLine.Dates(text(cert.get("validFrom")), text(cert.get("validUntil")),
                certificates == null ? null : certificates.status(r.state(), r.certificate()));
        return new DecisionLine(r.id(), r.organisation(), r.city(), r.cityTh(), r.province(), r.kind(), r.state(),
                ev == null ? r.outcome() : ev.outcome(),
                ev == null ? List.of() : ev.idsWithStatus("NOT_MET"),
                ev == null ? List.of() : ev.idsWithStatus("WARNING"),
                domains(StoredJson.read(mapper, r.content())), r.submittedAt(), r.updatedAt(), List.copyOf(tallies), dates, criteria);
    }

    /** The domains the plan lists, in its order, each once. */
    static List<String> domains(JsonNode content) {
        Set<String> domains = new LinkedHashSet<>();
        if (content != null) {
            content.path("domains").forEach(d -> {
                String name = text(d.get("domain"));
                if (name != null) {
                    domains.add(name);
                }
            });
        }
        return List.copyOf(domains);
    }

    static DecisionLine.Tally tally(JsonNode t) {
        return new DecisionLine.Tally(text(t.get("body")), t.path("approve").asInt(), t.path("reject").asInt(),
                t.path("abstain").asInt(), t.path("recused").asInt(), text(t.get("result")));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private Evaluation evaluation(String json) {
        try {
            return mapper.readValue(json, Evaluation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an evaluation is stored unreadably", e);
        }
    }
}
