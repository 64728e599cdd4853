package th.or.depa.smartcity.web;

import java.util.List;
import java.util.Map;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.report.Html;

/**
 * The models of a city's plan forms (templates submit.mustache and revise.mustache, the form itself in
 * planform.mustache): the text to show again, the form's one-time key, each problem as field and message, a refusal
 * in both languages. The format messages are English as the API gives them; the page's own words are in
 * web/messages.properties.
 */
final class CityViews {

    private CityViews() {
    }

    /** What a form shows after a refusal: nothing (a fresh form), its problems, or a refusal's reason. */
    record Outcome(List<FieldError> problems, Bilingual heading, Bilingual refusal) {
        static final Outcome NONE = new Outcome(List.of(), null, null);

        static Outcome problems(List<FieldError> problems) {
            return new Outcome(problems, WebMessages.of("planForm.unreadable"), null);
        }

        static Outcome refused(Bilingual reason, List<FieldError> problems) {
            return new Outcome(problems, null, reason);
        }
    }

    static Map<String, Object> submit(Viewer viewer, String key, String text, Outcome outcome) {
        Map<String, Object> m = form(viewer, WebMessages.of("submit.title"), "/ui/submit", key, text, outcome);
        m.put("send", Html.both(WebMessages.of("submit.send")));
        return m;
    }

    static Map<String, Object> revise(Viewer viewer, String planId, String city, String text, Outcome outcome) {
        Bilingual title = WebMessages.of("revise.title", city);
        Map<String, Object> m = form(viewer, title, "/ui/plans/" + planId + "/revise", null, text, outcome);
        m.put("planId", planId);
        m.put("send", Html.both(WebMessages.of("revise.send")));
        return m;
    }

    static Map<String, Object> renewal(Viewer viewer, String planId, String city, String key, String text,
                                       Outcome outcome) {
        Bilingual title = WebMessages.of("renewal.title", city);
        Map<String, Object> m = form(viewer, title, "/ui/plans/" + planId + "/renewal", key, text, outcome);
        m.put("planId", planId);
        m.put("send", Html.both(WebMessages.of("renewal.send")));
        m.put("fileLabel", Html.both(WebMessages.of("renewal.file")));
        m.put("pasteLabel", Html.both(WebMessages.of("renewal.paste")));
        return m;
    }

    private static Map<String, Object> form(Viewer viewer, Bilingual title, String action, String key, String text,
                                            Outcome outcome) {
        Map<String, Object> m = RuleSetViews.page(viewer, title);
        m.put("heading", Html.both(title));
        m.put("action", action);
        m.put("key", key);
        m.put("plan", text == null ? "" : text);
        m.put("fileLabel", Html.both(WebMessages.of("planForm.file")));
        m.put("pasteLabel", Html.both(WebMessages.of("planForm.paste")));
        m.put("problemsHeading", outcome.heading() == null ? null : Html.both(outcome.heading()));
        m.put("refusal", outcome.refusal() == null ? null : Html.both(outcome.refusal()));
        m.put("hasProblems", !outcome.problems().isEmpty());
        m.put("problems", outcome.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message()))
                .toList());
        return m;
    }
}
