package th.or.depa.smartcity.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import th.or.depa.smartcity.engine.MessageFile;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;

/**
 * The reports' Mustache templates (report/templates/*.mustache): every {{value}} is escaped by {@link Html#text},
 * so the output stays well-formed XHTML for the PDF renderer; {{{value}}} is only HTML made with {@link Html};
 * {{#t}}key{{/t}} is a word of report/messages.properties in both languages.
 */
public final class ReportTemplates {

    private static final MessageFile WORDS = MessageFile.load("report/messages.properties");
    static final MustacheFactory FACTORY = new DefaultMustacheFactory("report/templates") {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(Html.text(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private ReportTemplates() {
    }

    /** A report word in both languages, with {0}, {1}… filled in. */
    public static Bilingual word(String key, Object... args) {
        return new Bilingual(WORDS.text(key + ".en", args), WORDS.text(key + ".th", args));
    }

    /** The helper that writes {{#t}}key{{/t}}; a model carries it as "t" so a page framing the report finds it. */
    public static Function<String, String> helper() {
        return key -> Html.both(word(key.strip()));
    }

    static String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        FACTORY.compile(template + ".mustache").execute(out, List.of(model));
        return out.toString();
    }
}
