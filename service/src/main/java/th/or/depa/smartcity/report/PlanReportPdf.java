package th.or.depa.smartcity.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Renders a report's XHTML to PDF with openhtmltopdf (PDFBox). The Thai font (TLWG Garuda, GPL-2+ with the font
 * exception; report/fonts/) is embedded as a subset with its ToUnicode map, so the text renders on any reader and
 * can be extracted. The fonts are read from the classpath once.
 */
public final class PlanReportPdf {

    public static final String FAMILY = "Garuda";
    private static final byte[] REGULAR = font("Garuda.ttf");
    private static final byte[] BOLD = font("Garuda-Bold.ttf");

    static {
        com.openhtmltopdf.util.XRLog.setLoggerImpl(new PdfLog());
    }

    private PlanReportPdf() {
    }

    /** The whole PDF: rendered in full before anything is sent, so a failure is an error answer, not half a PDF. */
    public static byte[] render(String xhtml) throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFont(() -> new ByteArrayInputStream(REGULAR), FAMILY, 400, BaseRendererBuilder.FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(BOLD), FAMILY, 700, BaseRendererBuilder.FontStyle.NORMAL, true);
        builder.withHtmlContent(xhtml, null);
        builder.toStream(pdf);
        builder.run();
        return pdf.toByteArray();
    }

    private static byte[] font(String name) {
        try (InputStream in = PlanReportPdf.class.getResourceAsStream("/report/fonts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/report/fonts/" + name + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
