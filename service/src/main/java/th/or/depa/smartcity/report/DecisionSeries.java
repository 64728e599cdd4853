package th.or.depa.smartcity.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.store.SeriesDao;
import th.or.depa.smartcity.store.StoredJson;
import th.or.depa.smartcity.workflow.Certificates;
import th.or.depa.smartcity.workflow.WorkflowService;

/**
 * The decisions report's series: one {@link PeriodCounts} per calendar month in Asia/Bangkok, from the record
 * (events) and the stored evaluations, both streamed. Memory holds the months and one plan's unmet criteria at a
 * time, not the rows. Bangkok has no daylight saving, but months are cut with the zone rules anyway, in Java.
 */
public final class DecisionSeries {

    static final int MOST_UNMET = 5;

    /**
     * The months in order and the whole period (its counts are the sums of the months'; mostUnmet over it), and the
     * certificates in their renewal window today (expiringSoon: not bound to the period, filtered like the plans).
     */
    public record Series(List<PeriodCounts> months, PeriodCounts totals, List<Certificates.Expiring> expiringSoon) {
    }

    private final Jdbi jdbi;
    private final ObjectMapper mapper;
    private final Certificates certificates;

    public DecisionSeries(Jdbi jdbi, ObjectMapper mapper, Certificates certificates) {
        this.jdbi = jdbi;
        this.mapper = mapper;
        this.certificates = certificates;
    }

    /** The month of an instant as a calendar in Bangkok reads it: 2026-10-31T17:30Z is 2026-11. */
    static YearMonth month(Instant at) {
        return YearMonth.from(at.atZone(WorkflowService.BANGKOK));
    }

    public Series of(DecisionQuery q) {
        Map<YearMonth, Counter> months = new TreeMap<>();
        Counter whole = new Counter();
        Map<YearMonth, Long> expiring = new TreeMap<>();
        jdbi.useTransaction(h -> {
            SeriesDao dao = h.attach(SeriesDao.class);
            java.time.LocalDate first = q.from() == null ? java.time.LocalDate.of(1, 1, 1) : q.from();
            java.time.LocalDate end = q.to() == null ? java.time.LocalDate.of(9999, 1, 1) : q.to().plusDays(1);
            for (java.time.LocalDate d : dao.validUntil(first, end, q.status(), q.province())) {
                expiring.merge(YearMonth.from(d), 1L, Long::sum);
            }
            try (Stream<SeriesDao.Move> moves = dao.moves(q.fromInstant(), q.toInstantExclusive(), q.status(),
                    q.province())) {
                moves.forEach(m -> months.computeIfAbsent(month(m.at()), k -> new Counter()).move(m));
            }
            try (Stream<SeriesDao.Judgement> judged = dao.judgements(q.fromInstant(), q.toInstantExclusive(),
                    q.status(), q.province())) {
                PlanUnmet plan = new PlanUnmet();
                judged.forEach(j -> {
                    if (!j.planId().equals(plan.id)) {
                        plan.flush(months, whole);
                        plan.id = j.planId();
                    }
                    YearMonth m = month(j.at());
                    months.computeIfAbsent(m, k -> new Counter()).judged(j.outcome());
                    plan.add(m, unmet(j.result()));
                });
                plan.flush(months, whole);
            }
        });
        List<PeriodCounts> out = new ArrayList<>();
        // a certificate ending in a month counts there; an open-ended period does not grow into the future for it
        for (YearMonth m : span(q, months)) {
            Counter c = months.getOrDefault(m, new Counter());
            c.expiring = expiring.getOrDefault(m, 0L);
            whole.addCounts(c);
            out.add(c.counts(m.toString()));
        }
        String period = out.isEmpty() ? null : out.get(0).period() + "/" + out.get(out.size() - 1).period();
        return new Series(out, whole.counts(period), certificates == null ? List.of()
                : certificates.expiringSoon(q.status(), q.province()));
    }

    /** Every month of the period: from its bounds, or without bounds from the first to the last month seen. */
    private static List<YearMonth> span(DecisionQuery q, Map<YearMonth, Counter> seen) {
        TreeMap<YearMonth, Counter> sorted = new TreeMap<>(seen);
        YearMonth first = q.from() != null ? YearMonth.from(q.from()) : sorted.isEmpty() ? null : sorted.firstKey();
        YearMonth last = q.to() != null ? YearMonth.from(q.to()) : sorted.isEmpty() ? null : sorted.lastKey();
        List<YearMonth> span = new ArrayList<>();
        if (first == null || last == null) {
            return span;
        }
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            span.add(m);
        }
        return span;
    }

    /** The ids of the criteria an evaluation has NOT_MET. */
    private List<String> unmet(String result) {
        JsonNode json = StoredJson.read(mapper, result);
        List<String> ids = new ArrayList<>();
        if (json != null) {
            json.path("criteria").forEach(c -> {
                if ("NOT_MET".equals(c.path("status").asText())) {
                    ids.add(c.path("id").asText());
                }
            });
        }
        return ids;
    }

    /** One plan's unmet criteria per month and over the period, until the next plan's rows begin. */
    private static final class PlanUnmet {
        String id;
        final Map<YearMonth, Set<String>> byMonth = new HashMap<>();
        final Set<String> overall = new HashSet<>();

        void add(YearMonth m, List<String> ids) {
            byMonth.computeIfAbsent(m, k -> new HashSet<>()).addAll(ids);
            overall.addAll(ids);
        }

        void flush(Map<YearMonth, Counter> months, Counter whole) {
            byMonth.forEach((m, ids) -> ids.forEach(id -> months.get(m).unmet.merge(id, 1L, Long::sum)));
            overall.forEach(c -> whole.unmet.merge(c, 1L, Long::sum));
            byMonth.clear();
            overall.clear();
        }
    }

    /** The counts of one month, or of the period. */
    private static final class Counter {
        long submitted;
        long revised;
        long passedScreening;
        long certified;
        long rejected;
        long revoked;
        long expiring;
        long expired;
        long renewed;
        long withdrawn;
        long evaluated;
        long passed;
        final Map<String, Long> unmet = new HashMap<>();

        void move(SeriesDao.Move m) {
            switch (m.type()) {
                case "SUBMITTED" -> submitted++;
                case "REVISED" -> revised++;
                case "CERTIFIED" -> certified++;
                case "EXPIRED" -> expired++;
                case "RENEWED" -> renewed++;
                case "ACTION" -> {
                    if (m.stateAfter() == null || m.stateAfter().equals(m.stateBefore())) {
                        return;
                    }
                    switch (m.stateAfter()) {
                        case "SUBCOMMITTEE_REVIEW" -> passedScreening += "SCREENING".equals(m.stateBefore()) ? 1 : 0;
                        case "REJECTED" -> rejected++;
                        case "REVOKED" -> revoked++;
                        case "WITHDRAWN" -> withdrawn++;
                        default -> { }
                    }
                }
                default -> { }
            }
        }

        void judged(String outcome) {
            evaluated++;
            if ("PASS".equals(outcome)) {
                passed++;
            }
        }

        void addCounts(Counter c) {
            submitted += c.submitted;
            revised += c.revised;
            passedScreening += c.passedScreening;
            certified += c.certified;
            rejected += c.rejected;
            revoked += c.revoked;
            expiring += c.expiring;
            expired += c.expired;
            renewed += c.renewed;
            withdrawn += c.withdrawn;
            evaluated += c.evaluated;
            passed += c.passed;
        }

        PeriodCounts counts(String period) {
            List<PeriodCounts.Unmet> most = unmet.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(MOST_UNMET).map(e -> new PeriodCounts.Unmet(e.getKey(), e.getValue())).toList();
            Double rate = evaluated == 0 ? null : Math.round(passed * 10000.0 / evaluated) / 10000.0;
            return new PeriodCounts(period, submitted, revised, passedScreening, certified, rejected, revoked,
                    expiring, expired, renewed, withdrawn, evaluated, passed, rate, most);
        }
    }
}
