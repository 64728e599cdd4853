package th.or.depa.smartcity.web;

import java.util.List;
import th.or.depa.smartcity.api.PlanQuery;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.Province;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.report.Html;
import th.or.depa.smartcity.store.PlanRow;

/**
 * The web view's pages as plain strings: a shared frame (navigation, language toggle, print button), the sign-in
 * form, the list of plans with its filters, and a frame around the reports' own HTML. Every text goes through
 * {@link Html#text}. The body's class lang-th or lang-en picks the language shown (app.css, app.js).
 */
public final class WebPages {

    private final Provinces provinces;
    private final java.util.function.Supplier<Texts> texts;

    public WebPages(Provinces provinces, java.util.function.Supplier<Texts> texts) {
        this.provinces = provinces;
        this.texts = texts;
    }

    /** The head of every page up to and including the opening body tag. */
    static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"UTF-8\"/>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>" + Html.text(title)
                + "</title>" + links() + "</head><body class=\"lang-th\">";
    }

    /** The web view's style sheets and script, all served by the service itself. */
    static String links() {
        return "<link rel=\"stylesheet\" href=\"/ui/static/report.css\"/>"
                + "<link rel=\"stylesheet\" href=\"/ui/static/app.css\"/>"
                + "<script src=\"/ui/static/app.js\" defer=\"defer\"></script>";
    }

    /** Navigation for a signed-in user: the plans, the decisions report, the rule sets, the language toggle, print, sign out. */
    static String nav(Viewer viewer) {
        User user = viewer.user();
        return "<nav class=\"ui-nav\"><a href=\"/ui/plans\">" + Html.both("แผน", "Plans") + "</a>"
                + "<a href=\"/ui/decisions\">" + Html.both("รายงานผลการพิจารณา", "Decisions") + "</a>"
                + "<a href=\"/ui/rulesets\" id=\"nav-rulesets\">" + Html.both(WebMessages.of("nav.rulesets")) + "</a>"
                + "<span class=\"spacer\"></span>"
                + "<button type=\"button\" id=\"lang-toggle\" title=\"ภาษา / Language\">ไทย ⇄ English</button>"
                + "<button type=\"button\" id=\"print\">" + Html.both("พิมพ์", "Print") + "</button>"
                + "<span class=\"who\">" + Html.text(user.name()) + " <small>(" + Html.text(user.role().name())
                + ")</small></span>"
                + "<form method=\"post\" action=\"/ui/signout\" class=\"signout\">" + csrfField(viewer.csrf())
                + "<button type=\"submit\" id=\"signout\">"
                + Html.both("ออกจากระบบ", "Sign out") + "</button></form></nav>";
    }

    /** The hidden field that carries a form's CSRF token back to the server. */
    static String csrfField(String token) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.text(token) + "\"/>";
    }

    static String page(String title, Viewer viewer, String contentHtml) {
        return head(title) + (viewer == null ? "" : nav(viewer)) + "<main>" + contentHtml + "</main></body></html>\n";
    }

    /** The sign-in form with its CSRF token, and a message after a failed attempt. */
    public String signIn(Bilingual message, String csrf) {
        String msg = message == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.both(message) + "</p>";
        return page("เข้าสู่ระบบ / Sign in", null, "<section class=\"signin\"><h1>"
                + Html.both("เข้าสู่ระบบ", "Sign in") + "</h1>" + msg
                + "<form method=\"post\" action=\"/ui/signin\">" + csrfField(csrf) + "<label for=\"token\">"
                + Html.both("โทเค็น", "Token") + "</label> <input type=\"password\" id=\"token\" name=\"token\" "
                + "autocomplete=\"off\" required=\"required\"/> <button type=\"submit\" id=\"signin\">"
                + Html.both("เข้าสู่ระบบ", "Sign in") + "</button></form></section>");
    }

    /** A short page for an error the user can act on: a bad filter, a plan not found. */
    public String message(Viewer viewer, Bilingual message) {
        return page(message.en(), viewer, "<p class=\"error\" role=\"alert\">" + Html.both(message) + "</p>"
                + "<p><a href=\"/ui/plans\">" + Html.both("กลับไปที่รายการแผน", "Back to the plans") + "</a></p>");
    }

    /** The plans the user may see, with the filter form and a link to the next page. */
    public String plans(Viewer viewer, List<PlanRow> items, long total, String status, String province, long offset,
                        int limit) {
        StringBuilder s = new StringBuilder("<h1>").append(Html.both("แผนพัฒนาเมืองอัจฉริยะ", "Smart city plans"))
                .append("</h1>").append(filters(status, province)).append("<p class=\"count\">")
                .append(Html.both("จำนวนแผน", "Plans")).append(": <strong id=\"total\">").append(total)
                .append("</strong></p><table class=\"plan-list\"><thead><tr>");
        for (Bilingual h : List.of(new Bilingual("City", "เมือง"), new Bilingual("Province", "จังหวัด"),
                new Bilingual("Kind", "ประเภท"), new Bilingual("State", "สถานะ"), new Bilingual("Outcome", "ผล"),
                new Bilingual("Updated", "ปรับปรุงล่าสุด"))) {
            s.append("<th>").append(Html.both(h)).append("</th>");
        }
        s.append("</tr></thead><tbody>");
        Texts labels = texts.get();
        for (PlanRow p : items) {
            String outcome = p.outcome() == null ? "" : p.outcome().toLowerCase(java.util.Locale.ROOT);
            s.append("<tr class=\"plan\"><td><a class=\"open\" href=\"/ui/plans/").append(Html.text(p.id())).append("\">")
                    .append(Html.both(p.cityTh() == null ? p.city() : p.cityTh(), p.city())).append("</a></td><td>")
                    .append(Html.both(province(p.province()))).append("</td><td>").append(Html.both(labels.label("kind", p.kind())))
                    .append("</td><td>").append(Html.both(labels.label("state", p.state()))).append("</td><td class=\"")
                    .append(Html.text(outcome)).append("\">").append(Html.both(labels.label("outcome", p.outcome() == null ? "NONE" : p.outcome())))
                    .append("</td><td>").append(Html.time(p.updatedAt())).append("</td></tr>");
        }
        if (items.isEmpty()) {
            s.append("<tr><td colspan=\"6\">").append(Html.both("ไม่พบแผน", "No plans found")).append("</td></tr>");
        }
        s.append("</tbody></table>");
        if (offset + items.size() < total) {
            s.append("<p class=\"more\"><a href=\"/ui/plans?").append(query(status, province))
                    .append("offset=").append(offset + limit).append("\">").append(Html.both("หน้าถัดไป", "Next page"))
                    .append("</a></p>");
        }
        return page("แผน / Plans", viewer, s.toString());
    }

    private String filters(String status, String province) {
        StringBuilder s = new StringBuilder("<form method=\"get\" action=\"/ui/plans\" class=\"filters\"><label>")
                .append(Html.both("สถานะ", "State")).append(" <select name=\"status\" id=\"status\"><option value=\"\">")
                .append("ทั้งหมด / all</option>");
        Texts labels = texts.get();
        for (String st : PlanQuery.STATES.stream().sorted().toList()) {
            Bilingual b = labels.label("state", st);
            s.append("<option value=\"").append(st).append('"').append(st.equals(status) ? " selected=\"selected\"" : "")
                    .append('>').append(Html.text(b.th() + " / " + b.en())).append("</option>");
        }
        s.append("</select></label> <label>").append(Html.both("จังหวัด", "Province"))
                .append(" <select name=\"province\" id=\"province\"><option value=\"\">ทั้งหมด / all</option>");
        for (Province p : provinces.all().stream().sorted(java.util.Comparator.comparing(Province::name)).toList()) {
            s.append("<option value=\"").append(Html.text(p.name())).append('"')
                    .append(p.name().equals(province) ? " selected=\"selected\"" : "").append('>')
                    .append(Html.text(p.nameTh() + " / " + p.name())).append("</option>");
        }
        return s.append("</select></label> <button type=\"submit\" id=\"filter\">").append(Html.both("กรอง", "Filter"))
                .append("</button></form>").toString();
    }

    static String query(String status, String province) {
        StringBuilder q = new StringBuilder();
        if (status != null) {
            q.append("status=").append(java.net.URLEncoder.encode(status, java.nio.charset.StandardCharsets.UTF_8)).append("&amp;");
        }
        if (province != null) {
            q.append("province=").append(java.net.URLEncoder.encode(province, java.nio.charset.StandardCharsets.UTF_8)).append("&amp;");
        }
        return q.toString();
    }

    /** One plan: its decision report (criteria, votes, tallies, certificate, record) framed with the navigation. */
    public String plan(Viewer viewer, String planId, String title, String reportBody) {
        String tools = "<p class=\"tools\"><a id=\"pdf\" href=\"/ui/plans/" + Html.text(planId) + "/report.pdf\">"
                + Html.both("ดาวน์โหลด PDF", "Download the PDF") + "</a> · <a href=\"/ui/plans\">"
                + Html.both("กลับไปที่รายการแผน", "Back to the plans") + "</a></p>";
        return head(title) + nav(viewer) + "<main class=\"plan-report\">" + tools + reportBody + "</main></body></html>\n";
    }

    private Bilingual province(String name) {
        return provinces.find(name).map(Province::nameTh).map(th -> new Bilingual(name, th))
                .orElse(new Bilingual(name, name));
    }
}
