package th.or.depa.smartcity.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.facts.Domain;
import th.or.depa.smartcity.facts.Finding;
import th.or.depa.smartcity.facts.Funding;
import th.or.depa.smartcity.facts.Kpi;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.facts.Plan;
import th.or.depa.smartcity.facts.Service;
import th.or.depa.smartcity.facts.Status;
import th.or.depa.smartcity.facts.Text;

/**
 * The floor of the engine benchmark: the 15 criteria of docs/criteria.md written as plain Java over the very facts
 * the rules get (PlanFacts.of), reading the same parameters, reporting the same status, variant and facts as each
 * rule's {@link Finding}, whose titles and reasons are rendered from the same rules/texts templates, assembled into
 * the same {@link Evaluation}. Written for the benchmark only: the service's decisions live in rules/ and nowhere
 * else. {@link EvaluationBenchmark} checks at set-up that it agrees with the rules, reasons included, on every
 * example plan.
 */
public final class PlainCriteria {

    private static final List<String> CONNECTIVITY = List.of("FIBRE_BROADBAND", "MOBILE_5G", "PUBLIC_WIFI");
    private static final Set<String> NON_GOVERNMENT = Set.of("PRIVATE", "PPP", "INTERNATIONAL", "OTHER");
    private static final String NONE = "none";

    private PlainCriteria() {
    }

    public static Evaluation evaluate(List<Object> facts, Map<String, Parameter> params, Evaluation.RuleSetRef ref,
                                      Texts texts) {
        Plan p = null;
        List<Domain> domains = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<Kpi> kpis = new ArrayList<>();
        List<Funding> funding = new ArrayList<>();
        for (Object f : facts) {
            if (f instanceof Plan x) {
                p = x;
            } else if (f instanceof Domain x) {
                domains.add(x);
            } else if (f instanceof Service x) {
                services.add(x);
            } else if (f instanceof Kpi x) {
                kpis.add(x);
            } else if (f instanceof Funding x) {
                funding.add(x);
            }
        }
        if (p == null) {
            throw new IllegalArgumentException("no plan among the facts");
        }
        List<Finding> findings = List.of(sc01(p, params), sc02(p), sc03(domains, params), sc04(p, services, kpis),
                sc05(p, params), sc06(p), sc07(p), sc08(p, params), sc09(p), sc10(p, services, funding, params),
                sc11(p, services, params), scA1(kpis), scA2(p, params), scA3(p, funding, params), scA4(p, params));
        List<Evaluation.CriterionResult> out = new ArrayList<>(findings.size());
        int met = 0;
        int notMet = 0;
        int warnings = 0;
        for (Finding f : findings) {
            switch (f.status()) {
                case MET -> met++;
                case NOT_MET -> notMet++;
                default -> warnings++;
            }
            String rule = "plain-java: " + f.criterion();
            out.add(new Evaluation.CriterionResult(f.criterion(), texts.title(f.criterion()),
                    !f.criterion().startsWith("SC-A"), f.status().name(), texts.reason(f, rule, false),
                    new TreeMap<>(f.facts()), rule));
        }
        return new Evaluation(null, null, null, ref, notMet == 0 ? "PASS" : "FAIL", List.copyOf(out),
                new Evaluation.Summary(met, notMet, warnings), Instant.now());
    }

    private static Finding finding(String id, Status status, String variant, Map<String, Object> facts) {
        return new Finding(id, status, variant, facts);
    }

    private static Object orNone(Object v) {
        return v == null ? NONE : v;
    }

    private static Finding sc01(Plan p, Map<String, Parameter> params) {
        int minChars = params.get("minVisionChars").intValue();
        int minGoals = params.get("minGoals").intValue();
        boolean ok = p.visionChars() >= minChars && p.nonBlankGoals() >= minGoals;
        Map<String, Object> facts = new HashMap<>(Map.of("visionChars", p.visionChars(), "requiredVisionChars",
                minChars, "goals", p.nonBlankGoals(), "requiredGoals", minGoals));
        if (ok) {
            return Finding.met("SC-01", facts);
        }
        facts.put("visionTooShort", p.visionChars() < minChars);
        facts.put("tooFewGoals", p.nonBlankGoals() < minGoals);
        return Finding.notMet("SC-01", p.vision() == null ? "noVision" : null, facts);
    }

    private static Finding sc02(Plan p) {
        boolean ok = p.areaKm2() != null && p.areaKm2() > 0 && p.population() != null && p.population() > 0;
        Map<String, Object> facts = new HashMap<>();
        facts.put("areaKm2", orNone(p.areaKm2()));
        facts.put("population", orNone(p.population()));
        facts.put("kind", p.kind());
        return finding("SC-02", ok ? Status.MET : Status.NOT_MET, null, facts);
    }

    private static Finding sc03(List<Domain> domains, Map<String, Parameter> params) {
        int min = params.get("minDomains").intValue();
        List<String> required = params.get("requiredDomains").listValue();
        List<String> covered = new ArrayList<>();
        for (Domain d : domains) {
            if (d.name() != null && d.services() > 0) {
                covered.add(d.name());
            }
        }
        covered.sort(null);
        if (covered.size() >= min && covered.containsAll(required)) {
            return Finding.met("SC-03", Map.of("domains", covered.size(), "required", min, "requiredDomains", required,
                    "covered", covered));
        }
        List<String> missing = new ArrayList<>(required);
        missing.removeAll(covered);
        return Finding.notMet("SC-03", Map.of("domains", covered.size(), "required", min, "missing", missing,
                "covered", covered));
    }

    private static Finding sc04(Plan p, List<Service> services, List<Kpi> kpis) {
        Integer start = p.startYear();
        Integer end = p.endYear();
        if (start == null || end == null || start > end) {
            Map<String, Object> facts = new HashMap<>();
            facts.put("startYear", orNone(start));
            facts.put("endYear", orNone(end));
            return Finding.notMet("SC-04", start == null || end == null ? "periodMissing" : "periodReversed", facts);
        }
        if (services.isEmpty()) {
            return Finding.notMet("SC-04", "noService", Map.of("services", 0));
        }
        Set<String> measured = new java.util.HashSet<>();
        for (Kpi k : kpis) {
            if (!Text.isBlank(k.unitName()) && k.baseline() != null && k.target() != null && k.targetYear() != null
                    && k.targetYear() >= start && k.targetYear() <= end) {
                measured.add(k.service());
            }
        }
        int unmeasuredCount = 0;
        Map<String, Map<String, Object>> byPath = new TreeMap<>();
        for (Service s : services) {
            if (!measured.contains(s.path())) {
                unmeasuredCount++;
                byPath.put(s.path(), Map.of("name", Text.isBlank(s.name()) ? NONE : s.name(), "path", s.path()));
            }
        }
        if (unmeasuredCount == 0) {
            return Finding.met("SC-04", Map.of("services", services.size(), "servicesWithoutMeasurableKpi", 0,
                    "startYear", start, "endYear", end));
        }
        return Finding.notMet("SC-04", Map.of("services", services.size(), "servicesWithoutMeasurableKpi",
                unmeasuredCount, "startYear", start, "endYear", end, "unmeasured", new ArrayList<>(byPath.values())));
    }

    private static Finding sc05(Plan p, Map<String, Parameter> params) {
        int min = params.get("minDigitalItems").intValue();
        List<String> items = new ArrayList<>(new LinkedHashSet<>(p.digital()));
        List<String> connectivity = new ArrayList<>(items);
        connectivity.retainAll(CONNECTIVITY);
        Map<String, Object> facts = new HashMap<>(Map.of("digitalItems", items.size(), "required", min,
                "connectivity", connectivity, "items", items));
        if (items.size() >= min && !connectivity.isEmpty()) {
            return Finding.met("SC-05", facts);
        }
        facts.put("tooFewItems", items.size() < min);
        return Finding.notMet("SC-05", facts);
    }

    private static Finding sc06(Plan p) {
        String status = p.platformStatus() == null ? NONE : p.platformStatus();
        boolean statusOk = "OPERATING".equals(status) || "IN_DEVELOPMENT".equals(status)
                || ("PLANNED".equals(status) && "NEW".equals(p.kind()));
        if (statusOk && Boolean.TRUE.equals(p.dataGovernance()) && Boolean.TRUE.equals(p.openData())) {
            return Finding.met("SC-06", Map.of("status", status, "kind", p.kind(), "dataGovernance", true,
                    "openData", true));
        }
        List<String> problems = new ArrayList<>();
        if (!statusOk) {
            problems.add(p.platformStatus() == null ? "statusMissing" : "status");
        }
        if (!Boolean.TRUE.equals(p.dataGovernance())) {
            problems.add(p.dataGovernance() == null ? "governanceMissing" : "noGovernance");
        }
        if (!Boolean.TRUE.equals(p.openData())) {
            problems.add(p.openData() == null ? "openDataMissing" : "notOpen");
        }
        List<Map<String, Object>> shortfalls = new ArrayList<>();
        for (String problem : problems) {
            shortfalls.add(Map.of("problem", problem, "status", status, "kind", p.kind()));
        }
        Map<String, Object> facts = new HashMap<>();
        facts.put("status", status);
        facts.put("kind", p.kind());
        facts.put("dataGovernance", orNone(p.dataGovernance()));
        facts.put("openData", orNone(p.openData()));
        facts.put("shortfalls", shortfalls);
        return Finding.notMet("SC-06", facts);
    }

    private static Finding sc07(Plan p) {
        if (Boolean.TRUE.equals(p.privacyCompliance()) && Boolean.TRUE.equals(p.cybersecurity())) {
            return Finding.met("SC-07", Map.of("privacyCompliance", true, "cybersecurity", true));
        }
        List<Map<String, Object>> shortfalls = new ArrayList<>();
        if (!Boolean.TRUE.equals(p.privacyCompliance())) {
            shortfalls.add(Map.of("act", "privacy", "stated", p.privacyCompliance() != null));
        }
        if (!Boolean.TRUE.equals(p.cybersecurity())) {
            shortfalls.add(Map.of("act", "cybersecurity", "stated", p.cybersecurity() != null));
        }
        Map<String, Object> facts = new HashMap<>();
        facts.put("privacyCompliance", orNone(p.privacyCompliance()));
        facts.put("cybersecurity", orNone(p.cybersecurity()));
        facts.put("shortfalls", shortfalls);
        return Finding.notMet("SC-07", facts);
    }

    private static Finding sc08(Plan p, Map<String, Parameter> params) {
        int minHearings = params.get("minHearings").intValue();
        int minSectors = params.get("minSectors").intValue();
        List<String> sectors = new ArrayList<>(new LinkedHashSet<>(p.sectors()));
        Long hearings = p.hearings();
        if (hearings != null && hearings >= minHearings && sectors.size() >= minSectors) {
            return Finding.met("SC-08", Map.of("hearings", hearings, "requiredHearings", minHearings, "sectors",
                    sectors.size(), "requiredSectors", minSectors, "takingPart", sectors));
        }
        long h = hearings == null ? 0 : hearings;
        return Finding.notMet("SC-08", hearings == null ? "noHearings" : null, Map.of("hearings", h,
                "requiredHearings", minHearings, "sectors", sectors.size(), "requiredSectors", minSectors,
                "takingPart", sectors, "tooFewHearings", h < minHearings, "tooFewSectors", sectors.size() < minSectors));
    }

    private static Finding sc09(Plan p) {
        boolean named = !Text.isBlank(p.managementBody());
        Map<String, Object> facts = new HashMap<>();
        facts.put("body", named ? p.managementBody().strip() : NONE);
        facts.put("kind", p.kind());
        facts.put("established", orNone(p.managementEstablished()));
        if (named && (!"LIVABLE".equals(p.kind()) || Boolean.TRUE.equals(p.managementEstablished()))) {
            return Finding.met("SC-09", facts);
        }
        return Finding.notMet("SC-09", named ? null : "noBody", facts);
    }

    private static Finding sc10(Plan p, List<Service> services, List<Funding> funding,
                                Map<String, Parameter> params) {
        double pct = params.get("budgetTolerancePct").doubleValue();
        Double total = p.totalBudget();
        if (total == null || total <= 0) {
            return Finding.notMet("SC-10", "noBudget", Map.of("totalBudgetThb", orNone(total)));
        }
        double src = 0;
        for (Funding f : funding) {
            src += f.amount() == null ? 0 : f.amount();
        }
        double svc = 0;
        for (Service s : services) {
            svc += s.budget() == null ? 0 : s.budget();
        }
        boolean sourcesOff = Math.abs(src - total) * 100 > total * pct;
        Map<String, Object> facts = new HashMap<>(Map.of("totalBudgetThb", total, "sourcesThb", src, "servicesThb",
                svc, "tolerancePct", pct, "differenceThb", Math.round(Math.abs(src - total) * 100) / 100.0,
                "allowedThb", Math.round(total * pct) / 100.0));
        if (!sourcesOff && svc <= total) {
            return Finding.met("SC-10", facts);
        }
        facts.put("sourcesOff", sourcesOff);
        facts.put("servicesOver", svc > total);
        return Finding.notMet("SC-10", facts);
    }

    private static Finding sc11(Plan p, List<Service> services, Map<String, Parameter> params) {
        int max = params.get("maxPeriodYears").intValue();
        Integer start = p.startYear();
        Integer end = p.endYear();
        if (start == null || end == null) {
            Map<String, Object> facts = new HashMap<>();
            facts.put("startYear", orNone(start));
            facts.put("endYear", orNone(end));
            facts.put("maxYears", max);
            return Finding.notMet("SC-11", "periodMissing", facts);
        }
        if (start > end) {
            return Finding.notMet("SC-11", "periodReversed", Map.of("startYear", start, "endYear", end, "maxYears", max));
        }
        Map<String, Map<String, Object>> outside = new TreeMap<>();
        for (Service s : services) {
            if ((s.startYear() != null && (s.startYear() < start || s.startYear() > end))
                    || (s.endYear() != null && (s.endYear() < start || s.endYear() > end))) {
                Map<String, Object> service = new HashMap<>();
                service.put("name", Text.isBlank(s.name()) ? NONE : s.name());
                service.put("path", s.path());
                service.put("startYear", orNone(s.startYear()));
                service.put("endYear", orNone(s.endYear()));
                outside.put(s.path(), service);
            }
        }
        int years = end - start + 1;
        if (outside.isEmpty() && years <= max) {
            return Finding.met("SC-11", Map.of("startYear", start, "endYear", end, "years", years, "maxYears", max,
                    "servicesOutside", 0));
        }
        return Finding.notMet("SC-11", Map.of("startYear", start, "endYear", end, "years", years, "maxYears", max,
                "servicesOutside", outside.size(), "outside", new ArrayList<>(outside.values()), "tooLong", years > max));
    }

    private static Finding scA1(List<Kpi> kpis) {
        int flat = 0;
        Map<String, Map<String, Object>> byPath = new TreeMap<>();
        for (Kpi k : kpis) {
            if ((k.baseline() == null && k.target() == null)
                    || (k.baseline() != null && k.target() != null && k.baseline().equals(k.target()))) {
                flat++;
                byPath.put(k.path(), Map.of("name", Text.isBlank(k.name()) ? NONE : k.name(), "path", k.path(),
                        "value", orNone(k.target())));
            }
        }
        if (flat == 0) {
            return Finding.met("SC-A1", Map.of("kpis", kpis.size(), "flatKpis", 0));
        }
        return Finding.warning("SC-A1", Map.of("kpis", kpis.size(), "flatKpis", flat, "flat",
                new ArrayList<>(byPath.values())));
    }

    private static Finding scA2(Plan p, Map<String, Parameter> params) {
        int min = params.get("minOpenDatasets").intValue();
        boolean ok = p.datasets() != null && p.datasets() >= min;
        return finding("SC-A2", ok ? Status.MET : Status.WARNING, null,
                Map.of("datasets", orNone(p.datasets()), "required", min));
    }

    private static Finding scA3(Plan p, List<Funding> funding, Map<String, Parameter> params) {
        double pct = params.get("minPrivateSharePct").doubleValue();
        Double total = p.totalBudget();
        boolean sustainability = !Text.isBlank(p.sustainability());
        if (total == null || total <= 0) {
            return Finding.warning("SC-A3", "noBudget", Map.of("totalBudgetThb", orNone(total), "requiredPct", pct,
                    "sustainability", sustainability));
        }
        double nonGov = 0;
        for (Funding f : funding) {
            if (f.amount() != null && NON_GOVERNMENT.contains(f.source())) {
                nonGov += f.amount();
            }
        }
        boolean shareLow = nonGov * 100 < total * pct;
        Map<String, Object> facts = new HashMap<>(Map.of("nonGovernmentThb", nonGov, "totalBudgetThb", total,
                "sharePct", Math.round(nonGov * 10000 / total) / 100.0, "requiredPct", pct,
                "sustainability", sustainability));
        if (sustainability && !shareLow) {
            return Finding.met("SC-A3", facts);
        }
        facts.put("shareLow", shareLow);
        return Finding.warning("SC-A3", facts);
    }

    private static Finding scA4(Plan p, Map<String, Parameter> params) {
        int min = params.get("minParticipants").intValue();
        boolean ok = p.participants() != null && p.participants() >= min;
        return finding("SC-A4", ok ? Status.MET : Status.WARNING, null,
                Map.of("participants", orNone(p.participants()), "required", min));
    }
}
