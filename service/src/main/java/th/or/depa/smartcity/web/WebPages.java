package th.or.depa.smartcity.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.api.PlanQuery;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.plan.Province;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.report.Html;
import th.or.depa.smartcity.store.PlanRow;

/**
 * The web view's frame and its simpler pages from templates (web/templates: top, links, nav, bottom; signin,
 * message, plans): every word from web/messages.properties, labels of codes from the rule set in force. The body's
 * class lang-th or lang-en picks the language shown (app.css, app.js).
 */
public final class WebPages {

    private final Provinces provinces;
    private final java.util.function.Supplier<Texts> texts;

    public WebPages(Provinces provinces, java.util.function.Supplier<Texts> texts) {
        this.provinces = provinces;
        this.texts = texts;
    }

    /** What every page's frame needs: its title, the navigation for the viewer (none signed out), the CSRF token. */
    static Map<String, Object> page(Viewer viewer, Bilingual title, String bodyClass) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", Templates.plain(title));
        m.put("bodyClass", bodyClass);
        m.put("nav", viewer == null ? null : navModel(viewer));
        m.put("csrf", viewer == null ? "" : viewer.csrf());
        return m;
    }

    /** The web view's style sheets and script, all served by the service itself. */
    static String links() {
        return Templates.render("links", Map.of());
    }

    /** Navigation for a signed-in user: what their role uses, the language toggle, print, sign out. */
    static String nav(Viewer viewer) {
        return Templates.render("nav", navModel(viewer));
    }

    /** Which links a role sees; the pages behind them check the role again. */
    static Map<String, Object> navModel(Viewer viewer) {
        User user = viewer.user();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", user.name());
        m.put("role", user.role().name());
        m.put("csrf", viewer.csrf());
        m.put("screening", user.role() == Role.OFFICE);
        m.put("rulesets", user.role() != Role.CITY);
        m.put("submit", user.role() == Role.CITY);
        return m;
    }

    /** The sign-in form with its CSRF token, where a token comes from, and a message after a failed attempt. */
    public String signIn(Bilingual message, String csrf) {
        Map<String, Object> m = page(null, WebMessages.of("signin.title"), "signin-page");
        m.put("csrf", csrf);
        m.put("message", message == null ? null : Html.both(message));
        return Templates.render("signin", m);
    }

    /** A short page for an error the user can act on: a bad filter, a plan not found, a refused form. */
    public String message(Viewer viewer, Bilingual message) {
        Map<String, Object> m = page(viewer, message, "message");
        m.put("heading", Html.both(WebMessages.of("web.refused")));
        m.put("message", Html.both(message));
        m.put("hasErrors", false);
        m.put("errors", List.of());
        m.put("back", "/ui/plans");
        m.put("backLabel", Html.both(WebMessages.of("page.back")));
        return Templates.render("message", m);
    }

    /** The plans the user may see, with the filter form and a link to the next page. */
    public String plans(Viewer viewer, List<PlanRow> items, long total, String status, String province, long offset,
                        int limit) {
        Map<String, Object> m = page(viewer, WebMessages.of("plans.title"), "plans");
        Texts labels = texts.get();
        m.put("states", PlanQuery.STATES.stream().sorted().map(st -> option(st, Templates.plain(labels.label("state", st)),
                st.equals(status))).toList());
        m.put("provinces", provinces.all().stream().sorted(java.util.Comparator.comparing(Province::name))
                .map(p -> option(p.name(), p.nameTh() + " / " + p.name(), p.name().equals(province))).toList());
        m.put("total", total);
        m.put("plans", items.stream().map(p -> row(p, labels)).toList());
        m.put("next", offset + items.size() < total ? "/ui/plans?" + query(status, province) + "offset=" + (offset + limit)
                : null);
        return Templates.render("plans", m);
    }

    /** One plan as a row of a list: links and labels, Thai and English. */
    Map<String, Object> row(PlanRow p, Texts labels) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", p.id());
        r.put("planId", p.id());
        r.put("stateCode", p.state());
        r.put("city", Html.both(p.cityTh() == null ? p.city() : p.cityTh(), p.city()));
        r.put("province", Html.both(province(p.province())));
        r.put("kind", Html.both(labels.label("kind", p.kind())));
        r.put("state", Html.both(labels.label("state", p.state())));
        r.put("outcomeClass", p.outcome() == null ? "" : p.outcome().toLowerCase(java.util.Locale.ROOT));
        r.put("outcome", Html.both(labels.label("outcome", p.outcome() == null ? "NONE" : p.outcome())));
        r.put("updated", Html.time(p.updatedAt()));
        return r;
    }

    private static Map<String, Object> option(String code, String label, boolean selected) {
        return Map.of("code", code, "label", label, "selected", selected);
    }

    /** The filters as query parameters for a link; the template escapes the ampersands. */
    static String query(String status, String province) {
        StringBuilder q = new StringBuilder();
        if (status != null) {
            q.append("status=").append(java.net.URLEncoder.encode(status, java.nio.charset.StandardCharsets.UTF_8)).append("&");
        }
        if (province != null) {
            q.append("province=").append(java.net.URLEncoder.encode(province, java.nio.charset.StandardCharsets.UTF_8)).append("&");
        }
        return q.toString();
    }

    private Bilingual province(String name) {
        return provinces.find(name).map(Province::nameTh).map(th -> new Bilingual(name, th))
                .orElse(new Bilingual(name, name));
    }
}
