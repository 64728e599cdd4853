package th.or.depa.smartcity.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import th.or.depa.smartcity.report.Html;

/**
 * The web view's pages from Mustache templates (web/templates/*.mustache, compiled once): {{value}} is escaped,
 * {{{value}}} is only ever HTML this package made with {@link Html}, and {{#t}}key{{/t}} is a message of
 * web/messages.properties in both languages
 * ({{#plain}}key{{/plain}}: as text, for attributes). A page that frames a report renders the report's own partial
 * (report/templates) inside the report's model, which carries the report's words helper. mustache.java directly, not dropwizard-views: a page is a String
 * that the resource answers with its own status and headers (CSP, no-store), as the other pages are.
 */
final class Templates {

    private static final MustacheFactory FACTORY = new DefaultMustacheFactory("web/templates");
    private static final Map<String, Object> HELPERS = Map.of(
            "t", (Function<String, String>) key -> Html.both(WebMessages.of(key.strip())),
            "plain", (Function<String, String>) key -> Html.text(plain(WebMessages.of(key.strip()))));

    private Templates() {
    }

    /** Both languages as plain text, Thai first, for where markup cannot go (a title attribute, an option). */
    static String plain(th.or.depa.smartcity.evaluation.Evaluation.Bilingual b) {
        return b.th().equals(b.en()) ? b.en() : b.th() + " / " + b.en();
    }

    /** Renders straight to out as the template runs, so a lazy Iterable in the model streams (the decisions page). */
    static void write(String template, Map<String, Object> model, java.io.Writer out) {
        FACTORY.compile(template + ".mustache").execute(out, List.of(HELPERS, model));
    }

    static String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        FACTORY.compile(template + ".mustache").execute(out, List.of(HELPERS, model));
        return out.toString();
    }
}
