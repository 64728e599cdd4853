package th.or.depa.smartcity.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.Province;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.store.PlanRow;

/**
 * One plan's decision report as XHTML from report/templates (plan-body, framed by plan-report here and by the web
 * view's plan page), for the browser and for the PDF alike, Thai first and English beside: the
 * city and the applicant, every criterion with its titles, status and reasons, the votes and tallies, the rule set
 * and the certificate, then the record. The names of codes (states, votes, domains, …) are the labels of the rule
 * set in force.
 */
public final class PlanReportPage {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Provinces provinces;
    private final Supplier<Texts> texts;

    public PlanReportPage(Provinces provinces, Supplier<Texts> texts) {
        this.provinces = provinces;
        this.texts = texts;
    }

    /** The standalone report: well-formed XHTML with its style sheet inline, for the API and the PDF. */
    public String render(PlanReport r, Instant now) {
        Map<String, Object> m = model(r, now);
        PlanRow p = r.details().row();
        Bilingual title = ReportTemplates.word("report.title", nameTh(p), p.city());
        m.put("title", title.th() + " / " + title.en());
        m.put("css", Html.resource("report.css"));
        return ReportTemplates.render("plan-report", m);
    }

    /**
     * The model of the report's body (report/templates/plan-body.mustache), with its own words helper "t": a page
     * that frames the report renders the same partial inside this model.
     */
    public Map<String, Object> model(PlanReport r, Instant now) {
        PlanRow p = r.details().row();
        Texts t = texts.get();
        Evaluation ev = r.details().evaluation();
        JsonNode applicant = r.details().content() == null ? null : r.details().content().get("applicant");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", ReportTemplates.helper());
        m.put("city", Html.both(nameTh(p), p.city()));
        m.put("applicant", applicant == null ? "" : Html.both(text(applicant, "nameTh", text(applicant, "name", "")),
                text(applicant, "name", "")));
        m.put("province", Html.both(province(p.province())));
        m.put("kind", Html.both(t.label("kind", p.kind())));
        m.put("reference", p.reference());
        m.put("organisation", p.organisation());
        m.put("id", p.id());
        m.put("revision", p.revision());
        m.put("stateCode", p.state());
        m.put("state", Html.both(t.label("state", p.state())));
        m.put("outcome", Html.both(t.label("outcome", outcome(ev == null ? p.outcome() : ev.outcome()))));
        if (ev != null && ev.summary() != null) {
            m.put("summary", Map.of("met", ev.summary().met(), "notMet", ev.summary().notMet(),
                    "warnings", ev.summary().warnings()));
        }
        m.put("submittedAt", Html.time(p.submittedAt()));
        m.put("updatedAt", Html.time(p.updatedAt()));
        m.put("evaluatedAt", ev == null ? "" : Html.time(ev.evaluatedAt()));
        if (r.ruleSet() != null) {
            m.put("ruleSet", Map.of("version", r.ruleSet().version(), "sha256", r.ruleSet().sha256()));
        }
        List<Map<String, Object>> criteria = ev == null || ev.criteria() == null ? List.of()
                : ev.criteria().stream().map(c -> criterion(c, t)).toList();
        m.put("hasCriteria", !criteria.isEmpty());
        m.put("criteria", criteria);
        List<Map<String, Object>> votes = r.votes().stream().map(e -> vote(e, t)).toList();
        m.put("hasVotes", !votes.isEmpty());
        m.put("votes", votes);
        m.put("approveLabel", Html.both(t.label("vote", "APPROVE")));
        m.put("rejectLabel", Html.both(t.label("vote", "REJECT")));
        m.put("abstainLabel", Html.both(t.label("vote", "ABSTAIN")));
        List<Map<String, Object>> tallies = r.tallies().stream().map(n -> tally(n, t)).toList();
        m.put("hasTallies", !tallies.isEmpty());
        m.put("tallies", tallies);
        if (r.certificate() != null) {
            m.put("certificate", certificate(r.certificate(), t));
        }
        m.put("chainVerified", r.chainVerified());
        m.put("events", r.events().stream().map(e -> event(e, t)).toList());
        m.put("generatedAt", Html.time(now));
        return m;
    }

    private static Map<String, Object> criterion(Evaluation.CriterionResult c, Texts t) {
        Bilingual title = c.title() == null ? new Bilingual(c.id(), c.id()) : c.title();
        Bilingual reason = c.reason() == null ? new Bilingual("", "") : c.reason();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("status", c.status());
        m.put("statusClass", c.status() == null ? "" : c.status().toLowerCase(Locale.ROOT));
        m.put("titleTh", title.th());
        m.put("titleEn", title.en());
        m.put("reasonTh", reason.th());
        m.put("reasonEn", reason.en());
        List<Map<String, Object>> figures = c.facts() == null ? List.of() : c.facts().entrySet().stream()
                .map(f -> Map.<String, Object>of("name", f.getKey(), "value", String.valueOf(f.getValue()))).toList();
        m.put("hasFigures", !figures.isEmpty());
        m.put("figures", figures);
        m.put("statusLabel", Html.both(t.label("status", c.status())));
        m.put("mandatory", Html.both(ReportTemplates.word(c.mandatory() ? "report.mandatory" : "report.advisory")));
        return m;
    }

    private static Map<String, Object> vote(EventRow e, Texts t) {
        JsonNode data = tree(e);
        String vote = "RECUSAL".equals(e.type()) ? "RECUSED" : text(data, "vote", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", vote);
        m.put("at", Html.time(e.occurredAt()));
        m.put("actor", e.actor());
        m.put("body", Html.both(t.label("body", text(data, "body", null))));
        m.put("round", text(data, "round", ""));
        m.put("vote", Html.both(t.label("vote", vote)));
        m.put("comment", e.comment());
        return m;
    }

    private static Map<String, Object> tally(JsonNode n, Texts t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("body", Html.both(t.label("body", text(n, "body", null))));
        for (String f : List.of("members", "present", "recused", "approve", "reject", "abstain")) {
            m.put(f, text(n, f, ""));
        }
        String chair = text(n, "chairVote", null);
        m.put("chairVote", chair == null ? null : Html.both(t.label("vote", chair)));
        m.put("quorumMet", n.path("quorumMet").asBoolean());
        m.put("result", Html.both(t.label("vote", text(n, "result", null))));
        return m;
    }

    private static Map<String, Object> certificate(JsonNode cert, Texts t) {
        List<Map<String, Object>> domains = new ArrayList<>();
        cert.path("domains").forEach(d -> domains.add(Map.of("code", d.asText(),
                "label", Html.both(t.label("domain", d.asText())))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("validFrom", text(cert, "validFrom", ""));
        m.put("validUntil", text(cert, "validUntil", ""));
        String status = text(cert, "status", null); // the certificate rules' answer today (PlanService.certificate)
        m.put("statusCode", status);
        m.put("status", status == null ? null : Html.both(t.label("certificateStatus", status)));
        m.put("domains", domains);
        return m;
    }

    private static Map<String, Object> event(EventRow e, Texts t) {
        JsonNode data = tree(e);
        String action = "ACTION".equals(e.type()) ? text(data, "action", null) : null;
        String change = e.stateAfter() == null ? "" : e.stateBefore() == null
                || e.stateBefore().equals(e.stateAfter()) ? Html.both(t.label("state", e.stateAfter()))
                : Html.both(t.label("state", e.stateBefore())) + " » " + Html.both(t.label("state", e.stateAfter()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("type", e.type());
        m.put("action", action);
        m.put("at", Html.time(e.occurredAt()));
        m.put("event", Html.both(t.label("event", e.type())));
        m.put("actionLabel", action == null ? null : Html.both(t.label("event", action)));
        m.put("actor", e.actor());
        m.put("role", e.role());
        m.put("change", change);
        m.put("comment", e.comment());
        return m;
    }

    private static JsonNode tree(EventRow e) {
        try {
            return e.data() == null ? null : JSON.readTree(e.data());
        } catch (java.io.IOException bad) {
            return null;
        }
    }

    private static String text(JsonNode node, String field, String dflt) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    /** A plan not evaluated yet has the outcome NONE. */
    static String outcome(String code) {
        return code == null ? "NONE" : code;
    }

    private static String nameTh(PlanRow p) {
        return p.cityTh() == null ? p.city() : p.cityTh();
    }

    private Bilingual province(String name) {
        return provinces.find(name).map(Province::nameTh).map(th -> new Bilingual(name, th))
                .orElse(new Bilingual(name, name));
    }
}
