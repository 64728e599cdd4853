package th.or.depa.smartcity.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.facts.Domain;
import th.or.depa.smartcity.facts.Funding;
import th.or.depa.smartcity.facts.Kpi;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.facts.Plan;
import th.or.depa.smartcity.facts.Service;
import th.or.depa.smartcity.facts.Text;

/**
 * The floor of the engine benchmark: the 15 criteria of spec/criteria.md written as plain Java over the very facts
 * the rules get (PlanFacts.of), reading the same parameters, with reasons in both languages and the facts looked
 * at, assembled into the same {@link Evaluation}. Written for the benchmark only: the service's decisions live in
 * rules/ and nowhere else. {@link EvaluationBenchmark} checks at set-up that it agrees with the rules on every
 * example plan.
 */
public final class PlainCriteria {

    private static final Set<String> CONNECTIVITY = Set.of("FIBRE_BROADBAND", "MOBILE_5G", "PUBLIC_WIFI");
    private static final Set<String> NON_GOVERNMENT = Set.of("PRIVATE", "PPP", "INTERNATIONAL", "OTHER");

    private PlainCriteria() {
    }

    public static Evaluation evaluate(List<Object> facts, Map<String, Parameter> params, Evaluation.RuleSetRef ref) {
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
        List<Evaluation.CriterionResult> out = new ArrayList<>(15);
        out.add(sc01(p, params));
        out.add(sc02(p));
        out.add(sc03(domains, params));
        out.add(sc04(p, services, kpis));
        out.add(sc05(p, params));
        out.add(sc06(p));
        out.add(sc07(p));
        out.add(sc08(p, params));
        out.add(sc09(p));
        out.add(sc10(p, services, funding, params));
        out.add(sc11(p, services, params));
        out.add(scA1(kpis));
        out.add(scA2(p, params));
        out.add(scA3(p, funding, params));
        out.add(scA4(p, params));
        int met = 0;
        int notMet = 0;
        int warnings = 0;
        for (Evaluation.CriterionResult r : out) {
            switch (r.status()) {
                case "MET" -> met++;
                case "NOT_MET" -> notMet++;
                default -> warnings++;
            }
        }
        return new Evaluation(null, null, null, ref, notMet == 0 ? "PASS" : "FAIL", List.copyOf(out),
                new Evaluation.Summary(met, notMet, warnings), Instant.now());
    }

    private static Evaluation.CriterionResult result(String id, String en, String th, boolean mandatory, boolean ok,
                                                     String reasonEn, String reasonTh, Map<String, Object> facts) {
        String status = ok ? "MET" : mandatory ? "NOT_MET" : "WARNING";
        return new Evaluation.CriterionResult(id, new Evaluation.Bilingual(en, th), mandatory, status,
                new Evaluation.Bilingual(reasonEn, reasonTh), facts, "plain-java: " + id);
    }

    private static Evaluation.CriterionResult sc01(Plan p, Map<String, Parameter> params) {
        int minChars = params.get("minVisionChars").intValue();
        int minGoals = params.get("minGoals").intValue();
        boolean ok = p.visionChars() >= minChars && p.nonBlankGoals() >= minGoals;
        return result("SC-01", "Vision and goals", "วิสัยทัศน์และเป้าหมาย", true, ok,
                "The vision has " + p.visionChars() + " characters that are not white space (at least " + minChars
                        + " required) and the plan states " + p.nonBlankGoals() + " goals (at least " + minGoals + ").",
                "วิสัยทัศน์มีความยาว " + p.visionChars() + " อักขระ (กำหนดอย่างน้อย " + minChars + ") และเป้าหมาย "
                        + p.nonBlankGoals() + " ข้อ (กำหนดอย่างน้อย " + minGoals + ")",
                Map.of("visionChars", p.visionChars(), "requiredVisionChars", minChars, "goals", p.nonBlankGoals(),
                        "requiredGoals", minGoals));
    }

    private static Evaluation.CriterionResult sc02(Plan p) {
        boolean ok = p.areaKm2() != null && p.areaKm2() > 0 && p.population() != null && p.population() > 0;
        Map<String, Object> facts = new HashMap<>();
        facts.put("areaKm2", p.areaKm2() == null ? "none" : p.areaKm2());
        facts.put("population", p.population() == null ? "none" : p.population());
        // the same number formatting as the rule's reason
        String area = p.areaKm2() == null ? "none" : BigDecimal.valueOf(p.areaKm2()).stripTrailingZeros().toPlainString();
        String people = p.population() == null ? "none" : th.or.depa.smartcity.facts.Figures.whole(p.population());
        return result("SC-02", "Target area", "พื้นที่เป้าหมาย", true, ok,
                "The target area is " + area + " km² with a population of " + people + ".",
                "พื้นที่เป้าหมาย " + area + " ตารางกิโลเมตร ประชากร " + people + " คน", facts);
    }

    private static Evaluation.CriterionResult sc03(List<Domain> domains, Map<String, Parameter> params) {
        int min = params.get("minDomains").intValue();
        List<String> required = params.get("requiredDomains").listValue();
        List<String> covered = new ArrayList<>();
        for (Domain d : domains) {
            if (d.services() > 0) {
                covered.add(d.name());
            }
        }
        covered.sort(null);
        List<String> missing = new ArrayList<>(required);
        missing.removeAll(covered);
        boolean ok = covered.size() >= min && missing.isEmpty();
        return result("SC-03", "Smart domains", "ด้านของเมืองอัจฉริยะ", true, ok,
                "The plan covers " + covered.size() + " smart domains (" + String.join(", ", covered) + "); at least "
                        + min + " are required" + (missing.isEmpty() ? "." : ", and " + missing + " missing."),
                "แผนครอบคลุม " + covered.size() + " ด้าน (" + String.join(", ", covered) + ") กำหนดอย่างน้อย " + min
                        + " ด้าน",
                Map.of("domains", covered.size(), "required", min, "missing", missing));
    }

    private static Evaluation.CriterionResult sc04(Plan p, List<Service> services, List<Kpi> kpis) {
        Integer start = p.startYear();
        Integer end = p.endYear();
        if (start == null || end == null || start > end) {
            return result("SC-04", "Measurable services", "บริการที่วัดผลได้", true, false,
                    "The plan period is incomplete or reversed, so no KPI target year can fall within it.",
                    "ระยะเวลาของแผนไม่ครบหรือกลับด้าน", Map.of("period", start + "–" + end));
        }
        Set<String> measured = new HashSet<>();
        for (Kpi k : kpis) {
            if (!Text.isBlank(k.unitName()) && k.baseline() != null && k.target() != null && k.targetYear() != null
                    && k.targetYear() >= start && k.targetYear() <= end) {
                measured.add(k.service());
            }
        }
        List<String> unmeasured = new ArrayList<>();
        for (Service s : services) {
            if (!measured.contains(s.path())) {
                unmeasured.add(Text.isBlank(s.name()) ? s.path() : s.name() + " (" + s.path() + ")");
            }
        }
        boolean ok = !services.isEmpty() && unmeasured.isEmpty();
        return result("SC-04", "Measurable services", "บริการที่วัดผลได้", true, ok,
                unmeasured.size() + " of the plan's " + services.size() + " services have no measurable KPI within "
                        + start + "–" + end + (unmeasured.isEmpty() ? "." : ": " + String.join("; ", unmeasured)),
                "บริการ " + unmeasured.size() + " จาก " + services.size() + " รายการยังไม่มีตัวชี้วัดที่วัดผลได้ภายในช่วง พ.ศ. "
                        + (start + 543) + "–" + (end + 543),
                Map.of("services", services.size(), "servicesWithoutMeasurableKpi", unmeasured.size(),
                        "startYear", start, "endYear", end));
    }

    private static Evaluation.CriterionResult sc05(Plan p, Map<String, Parameter> params) {
        int min = params.get("minDigitalItems").intValue();
        List<String> items = new ArrayList<>(new LinkedHashSet<>(p.digital()));
        List<String> connectivity = new ArrayList<>(items);
        connectivity.retainAll(CONNECTIVITY);
        boolean ok = items.size() >= min && !connectivity.isEmpty();
        return result("SC-05", "Digital infrastructure", "โครงสร้างพื้นฐานดิจิทัล", true, ok,
                "The plan lists " + items.size() + " distinct digital infrastructure items (" + String.join(", ", items)
                        + "), connectivity (" + String.join(", ", connectivity) + "); at least " + min + " required.",
                "แผนระบุโครงสร้างพื้นฐานดิจิทัล " + items.size() + " รายการ (" + String.join(", ", items)
                        + ") กำหนดอย่างน้อย " + min + " รายการ",
                Map.of("digitalItems", items.size(), "required", min, "connectivity", connectivity));
    }

    private static Evaluation.CriterionResult sc06(Plan p) {
        String status = p.platformStatus();
        boolean statusOk = "OPERATING".equals(status) || "IN_DEVELOPMENT".equals(status)
                || ("PLANNED".equals(status) && "NEW".equals(p.kind()));
        boolean ok = statusOk && Boolean.TRUE.equals(p.dataGovernance()) && Boolean.TRUE.equals(p.openData());
        Map<String, Object> facts = new HashMap<>();
        facts.put("status", status == null ? "none" : status);
        facts.put("kind", p.kind());
        facts.put("dataGovernance", p.dataGovernance() == null ? "none" : p.dataGovernance());
        facts.put("openData", p.openData() == null ? "none" : p.openData());
        return result("SC-06", "Open city data platform", "แพลตฟอร์มข้อมูลเมืองแบบเปิด", true, ok,
                "The city data platform is " + status + " for a " + p.kind() + " city; governance "
                        + p.dataGovernance() + ", open data " + p.openData() + ".",
                "แพลตฟอร์มข้อมูลเมืองมีสถานะ " + status + " สำหรับเมืองประเภท " + p.kind(), facts);
    }

    private static Evaluation.CriterionResult sc07(Plan p) {
        boolean ok = Boolean.TRUE.equals(p.privacyCompliance()) && Boolean.TRUE.equals(p.cybersecurity());
        Map<String, Object> facts = new HashMap<>();
        facts.put("privacyCompliance", p.privacyCompliance() == null ? "none" : p.privacyCompliance());
        facts.put("cybersecurity", p.cybersecurity() == null ? "none" : p.cybersecurity());
        return result("SC-07", "Data protection and cybersecurity", "การคุ้มครองข้อมูลและความมั่นคงปลอดภัยไซเบอร์", true,
                ok, "Personal data protection: " + p.privacyCompliance() + "; cybersecurity: " + p.cybersecurity() + ".",
                "การคุ้มครองข้อมูลส่วนบุคคล: " + p.privacyCompliance() + " ความมั่นคงปลอดภัยไซเบอร์: " + p.cybersecurity(),
                facts);
    }

    private static Evaluation.CriterionResult sc08(Plan p, Map<String, Parameter> params) {
        int minHearings = params.get("minHearings").intValue();
        int minSectors = params.get("minSectors").intValue();
        Set<String> sectors = new HashSet<>(p.sectors());
        boolean ok = p.hearings() != null && p.hearings() >= minHearings && sectors.size() >= minSectors;
        Map<String, Object> facts = new HashMap<>();
        facts.put("hearings", p.hearings() == null ? "none" : p.hearings());
        facts.put("sectors", sectors.size());
        facts.put("requiredHearings", minHearings);
        facts.put("requiredSectors", minSectors);
        return result("SC-08", "Participation", "การมีส่วนร่วม", true, ok,
                "The plan held " + p.hearings() + " public hearings (at least " + minHearings + ") with " + sectors.size()
                        + " sectors (at least " + minSectors + ").",
                "จัดรับฟังความคิดเห็น " + p.hearings() + " ครั้ง มีภาคส่วนร่วม " + sectors.size() + " ภาคส่วน", facts);
    }

    private static Evaluation.CriterionResult sc09(Plan p) {
        boolean ok = !Text.isBlank(p.managementBody())
                && (!"LIVABLE".equals(p.kind()) || Boolean.TRUE.equals(p.managementEstablished()));
        Map<String, Object> facts = new HashMap<>();
        facts.put("body", p.managementBody() == null ? "none" : p.managementBody());
        facts.put("established", p.managementEstablished() == null ? "none" : p.managementEstablished());
        facts.put("kind", p.kind());
        return result("SC-09", "Management body", "หน่วยงานบริหารจัดการเมือง", true, ok,
                "The management body is " + p.managementBody() + " (established: " + p.managementEstablished() + ").",
                "หน่วยงานบริหารจัดการเมือง: " + p.managementBody(), facts);
    }

    private static Evaluation.CriterionResult sc10(Plan p, List<Service> services, List<Funding> funding,
                                                   Map<String, Parameter> params) {
        double pct = params.get("budgetTolerancePct").doubleValue();
        Double total = p.totalBudget();
        double src = 0;
        for (Funding f : funding) {
            src += f.amount() == null ? 0 : f.amount();
        }
        double svc = 0;
        for (Service s : services) {
            svc += s.budget() == null ? 0 : s.budget();
        }
        boolean ok = total != null && total > 0 && Math.abs(src - total) * 100 <= total * pct && svc <= total;
        Map<String, Object> facts = new HashMap<>();
        facts.put("totalBudgetThb", total == null ? "none" : total);
        facts.put("sourcesThb", src);
        facts.put("servicesThb", svc);
        facts.put("tolerancePct", pct);
        // the same number formatting as the rule's reason (five amounts, the tolerance as plain text)
        double t = total == null ? 0 : total;
        String totalText = thb(t);
        String sources = thb(src);
        String diff = thb(Math.abs(src - t));
        String allowed = thb(t * pct / 100);
        String servicesText = thb(svc);
        String pctText = BigDecimal.valueOf(pct).stripTrailingZeros().toPlainString();
        return result("SC-10", "Budget", "งบประมาณ", true, ok,
                "The funding sources add up to " + sources + " THB against a total budget of " + totalText
                        + " THB (a difference of " + diff + " THB; at most " + allowed + " THB, " + pctText
                        + " %, is allowed), and the services' budgets add up to " + servicesText + " THB.",
                "แหล่งเงินทุนรวม " + sources + " บาท งบประมาณรวม " + totalText + " บาท (ต่างกัน " + diff
                        + " บาท ยอมให้ต่างได้ไม่เกิน " + allowed + " บาท) งบประมาณของบริการรวม " + servicesText + " บาท",
                facts);
    }

    private static String thb(double amount) {
        return th.or.depa.smartcity.facts.Figures.amount(amount); // as the rules write amounts
    }

    private static Evaluation.CriterionResult sc11(Plan p, List<Service> services, Map<String, Parameter> params) {
        int max = params.get("maxPeriodYears").intValue();
        Integer start = p.startYear();
        Integer end = p.endYear();
        boolean ok;
        List<String> outside = new ArrayList<>();
        if (start == null || end == null || start > end) {
            ok = false;
        } else {
            for (Service s : services) {
                if ((s.startYear() != null && (s.startYear() < start || s.startYear() > end))
                        || (s.endYear() != null && (s.endYear() < start || s.endYear() > end))) {
                    outside.add(s.path());
                }
            }
            ok = outside.isEmpty() && end - start + 1 <= max;
        }
        return result("SC-11", "Plan period", "ระยะเวลาของแผน", true, ok,
                "The plan runs " + start + "–" + end + " (at most " + max + " years); " + outside.size()
                        + " services lie outside it.",
                "แผนมีระยะเวลา ค.ศ. " + start + "–" + end + " (ไม่เกิน " + max + " ปี)",
                Map.of("maxYears", max, "servicesOutside", outside.size()));
    }

    private static Evaluation.CriterionResult scA1(List<Kpi> kpis) {
        int flat = 0;
        for (Kpi k : kpis) {
            if ((k.baseline() == null && k.target() == null)
                    || (k.baseline() != null && k.target() != null && k.baseline().equals(k.target()))) {
                flat++;
            }
        }
        return result("SC-A1", "KPI ambition", "ความท้าทายของตัวชี้วัด", false, flat == 0,
                flat + " of the plan's " + kpis.size() + " KPIs have a target equal to the baseline.",
                "ตัวชี้วัด " + flat + " จาก " + kpis.size() + " ตัวมีค่าเป้าหมายเท่ากับค่าฐาน",
                Map.of("kpis", kpis.size(), "flatKpis", flat));
    }

    private static Evaluation.CriterionResult scA2(Plan p, Map<String, Parameter> params) {
        int min = params.get("minOpenDatasets").intValue();
        boolean ok = p.datasets() != null && p.datasets() >= min;
        Map<String, Object> facts = new HashMap<>();
        facts.put("datasets", p.datasets() == null ? "none" : p.datasets());
        facts.put("required", min);
        return result("SC-A2", "Open datasets", "ชุดข้อมูลเปิด", false, ok,
                "The platform publishes " + p.datasets() + " open datasets; at least " + min + " are recommended.",
                "แพลตฟอร์มเผยแพร่ชุดข้อมูลเปิด " + p.datasets() + " ชุด (แนะนำอย่างน้อย " + min + " ชุด)", facts);
    }

    private static Evaluation.CriterionResult scA3(Plan p, List<Funding> funding, Map<String, Parameter> params) {
        double pct = params.get("minPrivateSharePct").doubleValue();
        Double total = p.totalBudget();
        double nonGov = 0;
        for (Funding f : funding) {
            if (f.amount() != null && NON_GOVERNMENT.contains(f.source())) {
                nonGov += f.amount();
            }
        }
        boolean ok = total != null && total > 0 && !Text.isBlank(p.sustainability()) && nonGov * 100 >= total * pct;
        Map<String, Object> facts = new HashMap<>();
        facts.put("totalBudgetThb", total == null ? "none" : total);
        facts.put("nonGovernmentThb", nonGov);
        facts.put("requiredPct", pct);
        return result("SC-A3", "Financial sustainability", "ความยั่งยืนทางการเงิน", false, ok,
                "Non-government sources carry " + nonGov + " THB of " + total + " THB; at least " + pct
                        + " % is recommended, with a written sustainability model.",
                "แหล่งเงินที่ไม่ใช่ภาครัฐ " + nonGov + " บาท จากงบประมาณรวม " + total + " บาท", facts);
    }

    private static Evaluation.CriterionResult scA4(Plan p, Map<String, Parameter> params) {
        int min = params.get("minParticipants").intValue();
        boolean ok = p.participants() != null && p.participants() >= min;
        Map<String, Object> facts = new HashMap<>();
        facts.put("participants", p.participants() == null ? "none" : p.participants());
        facts.put("required", min);
        return result("SC-A4", "Participation reach", "การเข้าถึงของการมีส่วนร่วม", false, ok,
                p.participants() + " people took part in the hearings; at least " + min + " are recommended.",
                "มีผู้เข้าร่วม " + p.participants() + " คน (แนะนำอย่างน้อย " + min + " คน)", facts);
    }
}
