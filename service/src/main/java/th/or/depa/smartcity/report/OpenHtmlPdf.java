package th.or.depa.smartcity.report;

import com.openhtmltopdf.extend.FSTextBreaker;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * The fallback renderer when no Chromium is installed: openhtmltopdf (PDFBox) with the embedded Garuda font. Lines
 * break between Thai words (the JDK's dictionary-based Thai line BreakIterator; openhtmltopdf's own breaker is for
 * US text and lets an unspaced Thai run overflow the page), but it does not shape: tone marks are not stacked over
 * upper vowels nor lowered over short consonants (danfickle/openhtmltopdf#763).
 */
public final class OpenHtmlPdf implements PdfRenderer {

    static {
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new PdfLog());
    }

    @Override
    public byte[] render(String xhtml) throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFont(() -> new ByteArrayInputStream(ThaiFont.REGULAR), ThaiFont.FAMILY, 400,
                BaseRendererBuilder.FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(ThaiFont.BOLD), ThaiFont.FAMILY, 700,
                BaseRendererBuilder.FontStyle.NORMAL, true);
        builder.useUnicodeLineBreaker(new LineBreaks(BreakIterator.getLineInstance(Locale.forLanguageTag("th"))));
        builder.withHtmlContent(xhtml, null);
        builder.toStream(pdf);
        builder.run();
        return pdf.toByteArray();
    }

    @Override
    public String describe() {
        return "openhtmltopdf fallback (Thai marks unshaped)";
    }

    @Override
    public boolean shapesThai() {
        return false;
    }

    /** A JDK BreakIterator as openhtmltopdf's breaker (one per render: it holds the text). */
    private record LineBreaks(BreakIterator iterator) implements FSTextBreaker {
        @Override
        public int next() {
            return iterator.next();
        }

        @Override
        public void setText(String text) {
            iterator.setText(text);
        }
    }
}
