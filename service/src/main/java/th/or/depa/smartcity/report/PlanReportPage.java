package th.or.depa.smartcity.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import th.or.depa.smartcity.evaluation.Evaluation;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.Province;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.store.PlanRow;

/**
 * One plan's decision report as XHTML, for the browser and for the PDF alike, Thai first and English beside: the
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

    public String render(PlanReport r, Instant now) {
        PlanRow p = r.details().row();
        Texts t = texts.get();
        StringBuilder s = new StringBuilder(32_768);
        s.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"th\"><head>")
                .append("<meta charset=\"UTF-8\"/><title>").append(Html.text("รายงานผลการพิจารณา " + nameTh(p)
                        + " / Decision report " + p.city())).append("</title><style>")
                .append(Html.resource("report.css")).append("</style></head><body class=\"plan-report\">");
        s.append("<header><h1>").append(Html.both("รายงานผลการพิจารณาแผนพัฒนาเมืองอัจฉริยะ",
                "Smart city plan decision report")).append("</h1><p class=\"city-title\">")
                .append(Html.both(nameTh(p), p.city())).append("</p></header>");
        s.append(plan(r, p, t));
        s.append(criteria(r.details().evaluation(), t));
        s.append(votes(r, t));
        s.append(tallies(r.tallies(), t));
        s.append(certificate(r.certificate(), t));
        s.append(record(r, t));
        s.append("<footer>").append(Html.both("จัดทำเมื่อ", "Generated")).append(": ").append(Html.time(now))
                .append(" (").append(Html.both("เวลาประเทศไทย", "Bangkok time")).append(")</footer></body></html>\n");
        return s.toString();
    }

    private String plan(PlanReport r, PlanRow p, Texts t) {
        JsonNode applicant = r.details().content() == null ? null : r.details().content().get("applicant");
        Evaluation ev = r.details().evaluation();
        StringBuilder s = new StringBuilder("<section class=\"plan\"><h2>").append(Html.both("ข้อมูลแผน", "The plan"))
                .append("</h2><table class=\"facts\"><tbody>");
        fact(s, "เมือง", "City", Html.both(nameTh(p), p.city()));
        fact(s, "ผู้ยื่นคำขอ", "Applicant", applicant == null ? "" : Html.both(text(applicant, "nameTh", text(applicant,
                "name", "")), text(applicant, "name", "")));
        fact(s, "จังหวัด", "Province", Html.both(province(p.province())));
        fact(s, "ประเภทเมือง", "Kind", Html.both(t.label("kind", p.kind())));
        fact(s, "เลขอ้างอิง", "Reference", Html.text(p.reference()));
        fact(s, "หน่วยงาน", "Organisation", Html.text(p.organisation()));
        fact(s, "รหัสแผน", "Plan id", "<span class=\"mono\">" + Html.text(p.id()) + "</span>");
        fact(s, "ฉบับที่", "Revision", Integer.toString(p.revision()));
        fact(s, "สถานะ", "State", Html.both(t.label("state", p.state())));
        fact(s, "ผลการประเมิน", "Outcome", Html.both(t.label("outcome", outcome(ev == null ? p.outcome() : ev.outcome())))
                + (ev == null || ev.summary() == null ? "" : " (" + Html.both("ผ่าน", "met") + " "
                + ev.summary().met() + ", " + Html.both("ไม่ผ่าน", "not met") + " " + ev.summary().notMet() + ", "
                + Html.both("ข้อสังเกต", "warnings") + " " + ev.summary().warnings() + ")"));
        fact(s, "ยื่นเมื่อ", "Submitted", Html.time(p.submittedAt()));
        fact(s, "ปรับปรุงล่าสุด", "Updated", Html.time(p.updatedAt()));
        fact(s, "ประเมินเมื่อ", "Evaluated", ev == null ? "" : Html.time(ev.evaluatedAt()));
        fact(s, "ชุดเกณฑ์", "Rule set", r.ruleSet() == null ? "" : Html.both("ฉบับที่", "version") + " "
                + r.ruleSet().version() + " <span class=\"mono small\">sha256 " + Html.text(r.ruleSet().sha256())
                + "</span>");
        return s.append("</tbody></table></section>").toString();
    }

    private static void fact(StringBuilder s, String th, String en, String valueHtml) {
        s.append("<tr><th>").append(Html.both(th, en)).append("</th><td>").append(valueHtml).append("</td></tr>");
    }

    private static String criteria(Evaluation ev, Texts t) {
        StringBuilder s = new StringBuilder("<section class=\"criteria\"><h2>")
                .append(Html.both("ผลการประเมินตามเกณฑ์", "Criteria")).append("</h2>");
        if (ev == null || ev.criteria() == null) {
            return s.append("<p>").append(Html.both("ยังไม่มีผลการประเมิน", "Not evaluated yet")).append("</p></section>")
                    .toString();
        }
        s.append("<table><thead><tr><th class=\"id\">").append(Html.both("รหัส", "ID")).append("</th><th>")
                .append(Html.both("เกณฑ์และเหตุผล", "Criterion and reason")).append("</th><th class=\"status\">")
                .append(Html.both("ผล", "Status")).append("</th></tr></thead><tbody>");
        for (Evaluation.CriterionResult c : ev.criteria()) {
            Bilingual title = c.title() == null ? new Bilingual(c.id(), c.id()) : c.title();
            Bilingual reason = c.reason() == null ? new Bilingual("", "") : c.reason();
            s.append("<tr><td class=\"id\">").append(Html.text(c.id())).append("</td><td>")
                    .append("<div class=\"title\" lang=\"th\">").append(Html.text(title.th())).append("</div>")
                    .append("<div class=\"title en\" lang=\"en\">").append(Html.text(title.en())).append("</div>")
                    .append("<div class=\"reason\" lang=\"th\">").append(Html.text(reason.th())).append("</div>")
                    .append("<div class=\"reason en\" lang=\"en\">").append(Html.text(reason.en())).append("</div>")
                    .append("</td><td class=\"status ").append(Html.text(c.status() == null ? "" : c.status().toLowerCase(
                            java.util.Locale.ROOT))).append("\"><div>").append(Html.both(t.label("status", c.status())))
                    .append("</div><div class=\"small\">").append(c.mandatory() ? Html.both("บังคับ", "mandatory")
                            : Html.both("แนะนำ", "advisory")).append("</div></td></tr>");
        }
        return s.append("</tbody></table></section>").toString();
    }

    private static String votes(PlanReport r, Texts t) {
        List<EventRow> votes = r.votes();
        StringBuilder s = new StringBuilder("<section class=\"votes\"><h2>").append(Html.both("การลงมติ", "Votes"))
                .append("</h2>");
        if (votes.isEmpty()) {
            return s.append("<p>").append(Html.both("ยังไม่มีการลงมติ", "No votes yet")).append("</p></section>").toString();
        }
        s.append("<table><thead><tr>").append(th("เวลา", "Time", "time")).append(th("กรรมการ", "Member", null))
                .append(th("คณะ", "Body", null)).append(th("รอบ", "Round", "seq")).append(th("มติ", "Vote", null))
                .append(th("ความเห็น", "Comment", "comment")).append("</tr></thead><tbody>");
        for (EventRow e : votes) {
            JsonNode data = tree(e);
            String vote = "RECUSAL".equals(e.type()) ? "RECUSED" : text(data, "vote", null);
            s.append("<tr><td>").append(Html.time(e.occurredAt())).append("</td><td>").append(Html.text(e.actor()))
                    .append("</td><td>").append(Html.both(t.label("body", text(data, "body", null)))).append("</td><td>")
                    .append(Html.text(text(data, "round", ""))).append("</td><td>").append(Html.both(t.label("vote", vote)))
                    .append("</td><td>").append(Html.text(e.comment())).append("</td></tr>");
        }
        return s.append("</tbody></table></section>").toString();
    }

    private static String tallies(List<JsonNode> tallies, Texts texts) {
        StringBuilder s = new StringBuilder("<section class=\"tallies\"><h2>")
                .append(Html.both("ผลการนับคะแนน", "Tallies")).append("</h2>");
        if (tallies.isEmpty()) {
            return s.append("<p>").append(Html.both("ยังไม่มีการนับคะแนน", "No tally yet")).append("</p></section>")
                    .toString();
        }
        s.append("<table><thead><tr>").append(th("คณะ", "Body", "body")).append(th("สมาชิก", "Members"))
                .append(th("มาประชุม", "Present")).append(th("ไม่ร่วม", "Recused"))
                .append(th(texts.label("vote", "APPROVE"))).append(th(texts.label("vote", "REJECT")))
                .append(th(texts.label("vote", "ABSTAIN")))
                .append(th("ประธาน", "Chair")).append(th("องค์ประชุม", "Quorum")).append(th("มติ", "Result"))
                .append("</tr></thead><tbody>");
        for (JsonNode t : tallies) {
            s.append("<tr><td>").append(Html.both(texts.label("body", text(t, "body", null)))).append("</td>");
            for (String n : List.of("members", "present", "recused", "approve", "reject", "abstain")) {
                s.append("<td class=\"num\">").append(Html.text(text(t, n, ""))).append("</td>");
            }
            String chair = text(t, "chairVote", null);
            s.append("<td>").append(chair == null ? Html.both("ไม่ได้ลงมติ", "did not vote") : Html.both(texts.label("vote", chair)))
                    .append("</td><td>").append(t.path("quorumMet").asBoolean() ? Html.both("ครบ", "yes")
                            : Html.both("ไม่ครบ", "no")).append("</td><td>")
                    .append(Html.both(texts.label("vote", text(t, "result", null)))).append("</td></tr>");
        }
        return s.append("</tbody></table></section>").toString();
    }

    private static String certificate(JsonNode cert, Texts t) {
        StringBuilder s = new StringBuilder("<section class=\"certificate\"><h2>")
                .append(Html.both("ใบรับรองเมืองอัจฉริยะ", "Smart city certificate")).append("</h2>");
        if (cert == null) {
            return s.append("<p>").append(Html.both("ยังไม่ได้รับการรับรอง", "Not certified")).append("</p></section>")
                    .toString();
        }
        List<String> domains = new java.util.ArrayList<>();
        cert.path("domains").forEach(d -> domains.add(Html.both(t.label("domain", d.asText()))));
        s.append("<table class=\"facts\"><tbody>");
        fact(s, "มีผลตั้งแต่", "Valid from", Html.text(text(cert, "validFrom", "")));
        fact(s, "มีผลถึง", "Valid until", Html.text(text(cert, "validUntil", "")));
        fact(s, "ด้านที่ได้รับการรับรอง", "Domains", String.join("<br/>", domains));
        return s.append("</tbody></table></section>").toString();
    }

    private static String record(PlanReport r, Texts t) {
        StringBuilder s = new StringBuilder("<section class=\"record\"><h2>")
                .append(Html.both("ประวัติการดำเนินการ", "Record")).append("</h2><p>")
                .append(r.chainVerified() ? Html.both("ตรวจสอบห่วงโซ่แฮชของบันทึกแล้ว ถูกต้องครบถ้วน", "The record's hash chain is intact.")
                        : Html.both("ห่วงโซ่แฮชของบันทึกไม่ถูกต้อง บันทึกอาจถูกแก้ไข", "The record's hash chain is broken: it may have been altered."))
                .append("</p><table><thead><tr>").append(th("ลำดับ", "No.", "seq")).append(th("เวลา", "Time", "time"))
                .append(th("เหตุการณ์", "Event", "event")).append(th("ผู้ดำเนินการ", "By", "by"))
                .append(th("สถานะ", "State", null)).append(th("ความเห็น", "Comment", "comment"))
                .append("</tr></thead><tbody>");
        for (EventRow e : r.events()) {
            JsonNode data = tree(e);
            String action = text(data, "action", null);
            String change = e.stateAfter() == null ? "" : e.stateBefore() == null
                    || e.stateBefore().equals(e.stateAfter()) ? Html.both(t.label("state", e.stateAfter()))
                    : Html.both(t.label("state", e.stateBefore())) + " » " + Html.both(t.label("state", e.stateAfter()));
            s.append("<tr><td class=\"num\">").append(e.seq()).append("</td><td>").append(Html.time(e.occurredAt()))
                    .append("</td><td>").append(Html.both(t.label("event", e.type())))
                    .append(action == null || !"ACTION".equals(e.type()) ? "" : ": " + Html.both(t.label("event", action)))
                    .append("</td><td>").append(Html.text(e.actor())).append(" <span class=\"small\">(")
                    .append(Html.text(e.role())).append(")</span></td><td>").append(change).append("</td><td>")
                    .append(Html.text(e.comment())).append("</td></tr>");
        }
        return s.append("</tbody></table></section>").toString();
    }

    private static String th(String th, String en) {
        return th(th, en, null);
    }

    private static String th(Bilingual label) {
        return th(label.th(), label.en(), null);
    }

    private static String th(String th, String en, String cssClass) {
        return (cssClass == null ? "<th>" : "<th class=\"" + cssClass + "\">") + Html.both(th, en) + "</th>";
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
