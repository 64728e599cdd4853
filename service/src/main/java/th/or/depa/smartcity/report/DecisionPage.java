package th.or.depa.smartcity.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.Province;
import th.or.depa.smartcity.plan.Provinces;

/**
 * The decisions report as a printable HTML page, Thai first and English beside: the period and filters, charts
 * drawn on the server as inline SVG (outcomes by state and by province, the most often unmet criteria), the totals
 * by domain, then one table row per plan written while the plans are read. No external resources. The names of
 * codes (states, outcomes, domains, votes) are the labels of texts, those of the rule set in force.
 */
public final class DecisionPage {

    static final String PASS = "#2e7d32";
    static final String FAIL = "#c62828";
    static final String NONE = "#9e9e9e";
    static final String UNMET = "#ef6c00";

    private final Provinces provinces;
    private final Texts texts;

    public DecisionPage(Provinces provinces, Texts texts) {
        this.provinces = provinces;
        this.texts = texts;
    }

    public void write(DecisionQuery q, DecisionTotals totals, Iterator<DecisionLine> lines, Instant now,
                      OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        out.write("<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"UTF-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                + "<title>รายงานผลการพิจารณา / Decisions report</title><style>" + Html.resource("report.css")
                + "@page { size: A4 landscape; }</style></head><body class=\"decisions\">");
        out.write("<header><h1>" + Html.both("รายงานผลการพิจารณาแผนพัฒนาเมืองอัจฉริยะ", "Smart city decisions report")
                + "</h1>" + filters(q) + "</header>");
        out.write(summary(totals));
        out.write(charts(totals));
        out.write(domains(totals));
        out.write("<section class=\"plans\"><h2>" + Html.both("แผนที่มีความเคลื่อนไหวในช่วงเวลา", "Plans with activity in the period")
                + "</h2><table><thead><tr>" + headers() + "</tr></thead><tbody>");
        int rows = 0;
        while (lines.hasNext()) {
            out.write(row(lines.next()));
            rows++;
        }
        if (rows == 0) {
            out.write("<tr><td colspan=\"11\">" + Html.both("ไม่มีแผนในช่วงเวลานี้", "No plans in this period") + "</td></tr>");
        }
        out.write("</tbody></table></section><footer>" + Html.both("จัดทำเมื่อ", "Generated") + ": " + Html.time(now)
                + " (" + Html.both("เวลาประเทศไทย", "Bangkok time") + ")</footer></body></html>\n");
        out.flush();
    }

    private String filters(DecisionQuery q) {
        String period = q.from() == null && q.to() == null ? Html.both("ทุกช่วงเวลา", "all time")
                : Html.text((q.from() == null ? "…" : q.from().toString()) + " – "
                + (q.to() == null ? "…" : q.to().toString()));
        StringBuilder s = new StringBuilder("<p class=\"filters\">").append(Html.both("ช่วงเวลา", "Period"))
                .append(": ").append(period);
        if (q.status() != null) {
            s.append(" · ").append(Html.both("สถานะ", "State")).append(": ").append(Html.both(texts.label("state", q.status())));
        }
        if (q.province() != null) {
            s.append(" · ").append(Html.both("จังหวัด", "Province")).append(": ").append(Html.both(province(q.province())));
        }
        return s.append("</p>").toString();
    }

    private String summary(DecisionTotals t) {
        StringBuilder s = new StringBuilder("<section class=\"summary\"><p class=\"count\">")
                .append(Html.both("จำนวนแผน", "Plans")).append(": <strong>").append(t.getPlans()).append("</strong></p><ul>");
        t.getByState().forEach((state, n) -> s.append("<li>").append(Html.both(texts.label("state", state))).append(": ")
                .append(n).append("</li>"));
        return s.append("</ul></section>").toString();
    }

    private String charts(DecisionTotals t) {
        List<SvgChart.Key> keys = List.of(new SvgChart.Key(both("outcome", "PASS"), PASS),
                new SvgChart.Key(both("outcome", "FAIL"), FAIL));
        List<SvgChart.Bar> byState = outcomeBars(t.outcomesByState(), state -> texts.label("state", state));
        List<SvgChart.Bar> byProvince = outcomeBars(t.outcomesByProvince(), this::province);
        List<SvgChart.Bar> unmet = new ArrayList<>();
        for (Map.Entry<String, Long> e : t.mostOftenUnmet(10)) {
            Bilingual title = t.title(e.getKey());
            String label = e.getKey() + (title == null ? "" : " " + title.th() + " / " + title.en());
            unmet.add(new SvgChart.Bar(label, List.of(new SvgChart.Segment(both("status", "NOT_MET"), e.getValue(), UNMET))));
        }
        return "<section class=\"charts\">"
                + figure("ผลการประเมินตามสถานะ", "Outcomes by state", SvgChart.bars("ผลการประเมินตามสถานะ / Outcomes by state",
                byState, keys))
                + figure("ผลการประเมินตามจังหวัด", "Outcomes by province", SvgChart.bars("ผลการประเมินตามจังหวัด / Outcomes by province",
                byProvince, keys))
                + figure("เกณฑ์ที่ไม่ผ่านบ่อยที่สุด", "Most often unmet criteria", SvgChart.bars(
                "เกณฑ์ที่ไม่ผ่านบ่อยที่สุด / Most often unmet criteria", unmet, List.of()))
                + "</section>";
    }

    /** A label as a chart shows it: Thai / English. */
    private String both(String kind, String code) {
        Bilingual b = texts.label(kind, code);
        return b.th() + " / " + b.en();
    }

    private List<SvgChart.Bar> outcomeBars(Map<String, Map<String, Long>> outcomes,
                                                  java.util.function.Function<String, Bilingual> name) {
        List<SvgChart.Bar> bars = new ArrayList<>();
        outcomes.forEach((key, counts) -> {
            Bilingual b = name.apply(key);
            bars.add(new SvgChart.Bar(b.th() + " / " + b.en(), List.of(
                    new SvgChart.Segment(both("outcome", "PASS"), counts.getOrDefault("PASS", 0L), PASS),
                    new SvgChart.Segment(both("outcome", "FAIL"), counts.getOrDefault("FAIL", 0L), FAIL),
                    new SvgChart.Segment(both("outcome", "NONE"), counts.getOrDefault("NONE", 0L), NONE))));
        });
        return bars;
    }

    private static String figure(String th, String en, String svg) {
        return "<figure><figcaption>" + Html.both(th, en) + "</figcaption>" + svg + "</figure>";
    }

    private String domains(DecisionTotals t) {
        StringBuilder s = new StringBuilder("<section class=\"domains\"><h2>")
                .append(Html.both("จำนวนแผนตามด้าน", "Plans by domain")).append("</h2><table><tbody>");
        t.getByDomain().forEach((domain, n) -> s.append("<tr><th>").append(Html.both(texts.label("domain", domain)))
                .append("</th><td class=\"num\">").append(n).append("</td></tr>"));
        return s.append("</tbody></table></section>").toString();
    }

    private static String headers() {
        return List.of(Html.both("เมือง", "City"), Html.both("จังหวัด", "Province"), Html.both("ประเภท", "Kind"),
                        Html.both("สถานะ", "State"), Html.both("ผล", "Outcome"), Html.both("เกณฑ์ที่ไม่ผ่าน", "Not met"),
                        Html.both("ข้อสังเกต", "Warnings"), Html.both("ด้าน", "Domains"), Html.both("การลงมติ (เห็นชอบ–ไม่เห็นชอบ–งดออกเสียง)",
                                "Votes (approve–reject–abstain)"),
                        Html.both("ใบรับรอง", "Certificate"), Html.both("ปรับปรุงล่าสุด", "Updated"))
                .stream().map(h -> "<th>" + h + "</th>").collect(Collectors.joining());
    }

    private String row(DecisionLine p) {
        String city = "<span lang=\"th\">" + Html.text(p.cityTh()) + "</span><br/><span class=\"en\">"
                + Html.text(p.city()) + "</span><br/><small class=\"id\">" + Html.text(p.organisation()) + " · "
                + Html.text(p.id()) + "</small>";
        String tallies = p.tallies().stream().map(t -> Html.both(texts.label("body", t.body())) + ": " + t.approve() + "–"
                + t.reject() + "–" + t.abstain() + (t.recused() > 0 ? " (" + t.recused() + " " + Html.both("ไม่ร่วม", "recused") + ")" : "")
                + " " + Html.both(texts.label("vote", t.result()))).collect(Collectors.joining("<br/>"));
        String cert = p.certificate() == null ? "" : Html.text(p.certificate().validFrom() + " – " + p.certificate().validUntil());
        String domains = p.domains().stream().map(d -> Html.both(texts.label("domain", d))).collect(Collectors.joining("<br/>"));
        String outcomeClass = p.outcome() == null ? "" : " class=\"" + Html.text(p.outcome().toLowerCase(java.util.Locale.ROOT)) + "\"";
        return "<tr><td>" + city + "</td><td>" + Html.both(province(p.province())) + "</td><td>"
                + Html.both(texts.label("kind", p.kind())) + "</td><td>" + Html.both(texts.label("state", p.state())) + "</td><td"
                + outcomeClass + ">" + Html.both(texts.label("outcome", PlanReportPage.outcome(p.outcome()))) + "</td><td>"
                + Html.text(String.join(" ", p.notMet())) + "</td><td>" + Html.text(String.join(" ", p.warnings()))
                + "</td><td>" + domains + "</td><td>" + tallies + "</td><td>" + cert + "</td><td>"
                + Html.time(p.updatedAt()) + "</td></tr>\n";
    }

    private Bilingual province(String name) {
        return provinces.find(name).map(Province::nameTh).map(th -> new Bilingual(name, th))
                .orElse(new Bilingual(name, name));
    }
}
