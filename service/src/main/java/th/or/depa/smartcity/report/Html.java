package th.or.depa.smartcity.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.workflow.WorkflowService;

/**
 * Writing the reports' HTML as well-formed XHTML (the PDF renderer parses it as XML): every text goes through
 * {@link #text}, which escapes markup and replaces characters XML does not allow.
 */
public final class Html {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(WorkflowService.BANGKOK);

    private Html() {
    }

    /** Text for an element or an attribute value: & < > " ' escaped, characters XML 1.0 forbids replaced. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(allowedInXml(c) ? c : 0xFFFD);
            }
        }
        return out.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** Thai first, English beside it: {@code <span lang="th">…</span> <span class="en" lang="en">…</span>}. */
    public static String both(Bilingual b) {
        if (b == null) {
            return "";
        }
        if (b.th() == null || b.th().equals(b.en())) {
            return "<span lang=\"en\">" + text(b.en()) + "</span>";
        }
        return "<span lang=\"th\">" + text(b.th()) + "</span> <span class=\"en\" lang=\"en\">" + text(b.en())
                + "</span>";
    }

    /** A bilingual label from a Thai and an English text. */
    public static String both(String th, String en) {
        return both(new Bilingual(en, th));
    }

    /** An instant as Bangkok local time, minutes shown, kept on one line. */
    public static String time(Instant at) {
        return at == null ? "" : "<span class=\"when\">" + LOCAL.format(at) + "</span>";
    }

    /** A text resource of the report folder (CSS), read once per call. */
    public static String resource(String name) {
        try (InputStream in = Html.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/report/" + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
