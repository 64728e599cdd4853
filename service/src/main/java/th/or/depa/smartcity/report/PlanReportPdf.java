package th.or.depa.smartcity.report;

import java.io.IOException;

/**
 * Every report's PDF goes through here: a page of XHTML in, the whole PDF out (rendered in full before anything is
 * sent, so a failure is an error answer, not half a PDF). The renderer is chosen at start ({@link #use}, from
 * config.yml's pdf section): headless Chromium, which shapes Thai, or the openhtmltopdf fallback. Text is set in the
 * embedded Garuda either way and stays extractable.
 */
public final class PlanReportPdf {

    public static final String FAMILY = ThaiFont.FAMILY;
    private static volatile PdfRenderer renderer;

    private PlanReportPdf() {
    }

    /** The renderer every PDF uses from now on (the application sets it from its configuration at start). */
    public static void use(PdfRenderer chosen) {
        renderer = chosen;
    }

    public static PdfRenderer renderer() {
        PdfRenderer r = renderer;
        if (r == null) {
            synchronized (PlanReportPdf.class) {
                if (renderer == null) {
                    renderer = PdfRenderers.fromEnvironment();
                }
                r = renderer;
            }
        }
        return r;
    }

    /** The whole PDF; {@link PdfUnavailable} (503) when the renderer is busy, too slow or failed. */
    public static byte[] render(String xhtml) throws IOException {
        return renderer().render(xhtml);
    }
}
