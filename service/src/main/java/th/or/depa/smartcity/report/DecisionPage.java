package th.or.depa.smartcity.report;

import com.github.mustachejava.MustacheFactory;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import th.or.depa.smartcity.engine.MessageFile;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.Province;
import th.or.depa.smartcity.plan.Provinces;

/**
 * The decisions report as a page from Mustache templates (report/templates): the period and filters, the totals,
 * charts drawn on the server as inline SVG with their numbers in a table beside them (plans by state, each state
 * its own colour; outcomes by province; the most often unmet criteria; evaluations per month), the month-by-month
 * series, the totals by domain, then one row per plan, rendered while the plans are read (the template iterates a
 * lazy Iterable). Words come from report/messages.properties ({{#r}}key{{/r}}), names of codes from the rule set's
 * texts, colours from report/palette.properties. The standalone page (API, PDF) is well-formed XHTML.
 */
public final class DecisionPage {

    private static final MustacheFactory FACTORY = ReportTemplates.FACTORY;
    private static final MessageFile WORDS = MessageFile.load("report/messages.properties");
    private static final MessageFile PALETTE = MessageFile.load("report/palette.properties");
    static final int UNMET_BARS = 10;

    private final Provinces provinces;
    private final Texts texts;

    public DecisionPage(Provinces provinces, Texts texts) {
        this.provinces = provinces;
        this.texts = texts;
    }

    /** A word of report/messages.properties in both languages. */
    public static Bilingual word(String key) {
        return new Bilingual(WORDS.text(key + ".en"), WORDS.text(key + ".th"));
    }

    /** The colour of a state in the state chart. */
    static String stateColor(String state) {
        try {
            return PALETTE.text("state." + state);
        } catch (IllegalStateException unknown) {
            return PALETTE.text("state.other");
        }
    }

    /** The standalone page (GET /api/reports/decisions?format=html), streamed. */
    public void write(DecisionQuery q, DecisionTotals totals, DecisionSeries.Series series,
                      Iterator<DecisionLine> lines, Instant now, OutputStream stream) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        FACTORY.compile("decisions.mustache").execute(out, List.of(model(q, totals, series, lines, now)));
        out.flush();
    }

    /**
     * The standalone page as one string for the PDF (rendered whole anyway). The charts' SVG is left out when the PDF
     * renderer in use draws none (the openhtmltopdf fallback): the PDF then shows each chart's table of numbers.
     */
    public String pdfXhtml(DecisionQuery q, DecisionTotals totals, DecisionSeries.Series series,
                           Iterator<DecisionLine> lines, Instant now) {
        Map<String, Object> model = model(q, totals, series, lines, now);
        model.put("drawn", PlanReportPdf.renderer().drawsSvg());
        StringWriter out = new StringWriter();
        FACTORY.compile("decisions.mustache").execute(out, List.of(model));
        return out.toString();
    }

    /**
     * What report/templates/decisions-body.mustache reads; the web view adds its own (navigation, form) and
     * renders the same body partial inside its layout.
     */
    public Map<String, Object> model(DecisionQuery q, DecisionTotals totals, DecisionSeries.Series series,
                                     Iterator<DecisionLine> lines, Instant now) {
        Map<String, Object> m = new HashMap<>();
        m.put("r", (Function<String, String>) key -> Html.both(word(key.strip())));
        m.put("rt", (Function<String, String>) key -> plain(word(key.strip())));
        m.put("css", Html.resource("report.css"));
        m.put("drawn", true);
        if (q.from() != null || q.to() != null) {
            m.put("period", (q.from() == null ? "…" : q.from().toString()) + " – "
                    + (q.to() == null ? "…" : q.to().toString()));
        }
        m.put("status", q.status() == null ? null : Html.both(texts.label("state", q.status())));
        m.put("province", q.province() == null ? null : Html.both(province(q.province())));
        m.put("plansCount", totals.getPlans());
        m.put("byState", totals.getByState().entrySet().stream().map(e -> Map.of(
                "label", Html.both(texts.label("state", e.getKey())), "code", e.getKey(), "n", e.getValue())).toList());
        m.put("charts", List.of(stateChart(totals), provinceChart(totals), unmetChart(totals)));
        m.put("series", series.months().stream().map(p -> seriesRow(p, false)).toList());
        m.put("seriesTotals", seriesRow(series.totals(), true));
        m.put("seriesChart", seriesChart(series));
        m.put("expiringSoon", series.expiringSoon().stream().map(e -> {
            Map<String, Object> r = new HashMap<>();
            r.put("planId", e.planId());
            r.put("city", e.city());
            r.put("cityTh", e.cityTh());
            r.put("province", Html.both(province(e.province())));
            r.put("validUntil", e.validUntil().toString());
            r.put("daysLeft", e.daysLeft());
            r.put("statusCode", e.status());
            r.put("status", Html.both(texts.label("certificateStatus", e.status())));
            return r;
        }).toList());
        m.put("domains", totals.getByDomain().entrySet().stream().map(e -> Map.of(
                "label", Html.both(texts.label("domain", e.getKey())), "n", e.getValue())).toList());
        m.put("plans", (Iterable<Map<String, Object>>) () -> new Rows(lines));
        m.put("generated", Html.time(now));
        return m;
    }

    private static String plain(Bilingual b) {
        return b.th() + " / " + b.en();
    }

    private String both(String kind, String code) {
        return plain(texts.label(kind, code));
    }

    /** One bar per state that occurs, coloured by the state itself (a Rejected plan is never green). */
    private Map<String, Object> stateChart(DecisionTotals t) {
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        t.getByState().forEach((state, n) -> {
            String label = both("state", state);
            bars.add(new SvgChart.Bar(label, List.of(new SvgChart.Segment(label, n, stateColor(state)))));
            rows.add(row(Html.both(texts.label("state", state)), List.of(n), n, stateColor(state)));
        });
        return chart("decisions.chart.byState", bars, List.of(), List.of(), rows);
    }

    private Map<String, Object> provinceChart(DecisionTotals t) {
        List<String> outcomes = List.of("PASS", "FAIL", "NONE");
        List<SvgChart.Key> keys = outcomes.stream().map(o -> new SvgChart.Key(both("outcome", o),
                PALETTE.text("outcome." + o))).toList();
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        t.outcomesByProvince().forEach((prov, counts) -> {
            Bilingual name = province(prov);
            List<SvgChart.Segment> segs = new ArrayList<>();
            List<Long> values = new ArrayList<>();
            for (String o : outcomes) {
                long n = counts.getOrDefault(o, 0L);
                segs.add(new SvgChart.Segment(both("outcome", o), n, PALETTE.text("outcome." + o)));
                values.add(n);
            }
            bars.add(new SvgChart.Bar(plain(name), segs));
            rows.add(row(Html.both(name), values, values.stream().mapToLong(Long::longValue).sum(), null));
        });
        List<String> heads = outcomes.stream().map(o -> Html.both(texts.label("outcome", o))).toList();
        return chart("decisions.chart.byProvince", bars, keys, heads, rows);
    }

    /** The criteria's titles come from the rule set's texts and are wrapped, never cut (SC-06, SC-07, SC-09). */
    private Map<String, Object> unmetChart(DecisionTotals t) {
        List<SvgChart.Bar> bars = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, Long> e : t.mostOftenUnmet(UNMET_BARS)) {
            Bilingual title = criterionTitle(e.getKey(), t);
            String label = e.getKey() + (title == null ? "" : " " + title.th() + " / " + title.en());
            bars.add(new SvgChart.Bar(label, List.of(new SvgChart.Segment(both("status", "NOT_MET"), e.getValue(),
                    PALETTE.text("unmet")))));
            rows.add(row(Html.text(e.getKey()) + (title == null ? "" : " " + Html.both(title)), List.of(e.getValue()),
                    e.getValue(), null));
        }
        return chart("decisions.chart.unmet", bars, List.of(), List.of(), rows);
    }

    private Bilingual criterionTitle(String id, DecisionTotals t) {
        Bilingual stored = t.title(id); // as the evaluation stored it, under the rule set that judged
        return stored != null ? stored : texts.title(id);
    }

    /** Per month, the evaluations stacked as passed and not passed. */
    private Map<String, Object> seriesChart(DecisionSeries.Series s) {
        List<SvgChart.Key> keys = List.of(new SvgChart.Key(plain(word("decisions.series.passed")),
                PALETTE.text("outcome.PASS")), new SvgChart.Key(plain(word("decisions.series.failed")),
                PALETTE.text("outcome.FAIL")));
        List<SvgChart.Bar> bars = new ArrayList<>();
        for (PeriodCounts p : s.months()) {
            bars.add(new SvgChart.Bar(p.period(), List.of(
                    new SvgChart.Segment(keys.get(0).name(), p.passed(), keys.get(0).color()),
                    new SvgChart.Segment(keys.get(1).name(), p.evaluated() - p.passed(), keys.get(1).color()))));
        }
        return chart("decisions.chart.series", bars, keys, List.of(), List.of());
    }

    private static Map<String, Object> chart(String key, List<SvgChart.Bar> bars, List<SvgChart.Key> keys,
                                             List<String> heads, List<Map<String, Object>> rows) {
        Map<String, Object> c = new HashMap<>();
        c.put("caption", Html.both(word(key)));
        c.put("svg", SvgChart.bars(plain(word(key)), bars, keys));
        c.put("heads", heads);
        c.put("rows", rows);
        c.put("hasRows", !rows.isEmpty());
        c.put("id", key.substring(key.lastIndexOf('.') + 1));
        return c;
    }

    private static Map<String, Object> row(String labelHtml, List<Long> values, long total, String color) {
        Map<String, Object> r = new HashMap<>();
        r.put("label", labelHtml);
        r.put("values", values.size() > 1 ? values : List.of());
        r.put("total", total);
        r.put("color", color);
        return r;
    }

    private static Map<String, Object> seriesRow(PeriodCounts p, boolean whole) {
        Map<String, Object> r = new HashMap<>();
        r.put("whole", whole);
        r.put("p", p);
        r.put("unmet", p.mostUnmet().stream().map(u -> u.criterion() + " (" + u.plans() + ")").toList());
        return r;
    }

    /** The plans' rows, made one at a time as the template asks for them. */
    private final class Rows implements Iterator<Map<String, Object>> {
        private final Iterator<DecisionLine> lines;

        Rows(Iterator<DecisionLine> lines) {
            this.lines = lines;
        }

        @Override
        public boolean hasNext() {
            return lines.hasNext();
        }

        @Override
        public Map<String, Object> next() {
            return line(lines.next());
        }
    }

    private Map<String, Object> line(DecisionLine p) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", p.id());
        r.put("organisation", p.organisation());
        r.put("city", p.city());
        r.put("cityTh", p.cityTh());
        r.put("province", Html.both(province(p.province())));
        r.put("kind", Html.both(texts.label("kind", p.kind())));
        r.put("state", Html.both(texts.label("state", p.state())));
        r.put("stateCode", p.state());
        r.put("outcomeClass", p.outcome() == null ? "" : p.outcome().toLowerCase(Locale.ROOT));
        r.put("outcome", Html.both(texts.label("outcome", PlanReportPage.outcome(p.outcome()))));
        r.put("notMet", String.join(" ", p.notMet()));
        r.put("warnings", String.join(" ", p.warnings()));
        r.put("domains", p.domains().stream().map(d -> Html.both(texts.label("domain", d))).toList());
        r.put("tallies", p.tallies().stream().map(t -> Map.of("body", Html.both(texts.label("body", t.body())),
                "approve", t.approve(), "reject", t.reject(), "abstain", t.abstain(), "recused", t.recused(),
                "anyRecused", t.recused() > 0, "result", Html.both(texts.label("vote", t.result())))).toList());
        r.put("certificate", p.certificate() == null ? null
                : p.certificate().validFrom() + " – " + p.certificate().validUntil());
        String status = p.certificate() == null ? null : p.certificate().status();
        r.put("certificateStatusCode", status);
        r.put("certificateStatus", status == null ? null : Html.both(texts.label("certificateStatus", status)));
        r.put("updated", Html.time(p.updatedAt()));
        return r;
    }

    private Bilingual province(String name) {
        return provinces.find(name).map(Province::nameTh).map(th -> new Bilingual(name, th))
                .orElse(new Bilingual(name, name));
    }
}
