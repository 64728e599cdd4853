package th.or.depa.smartcity.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the PDF renderer at start: Chromium when its program is there, else openhtmltopdf with one warning. */
public final class PdfRenderers {

    private static final Logger LOG = LoggerFactory.getLogger(PdfRenderers.class);
    public static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";

    private PdfRenderers() {
    }

    public static PdfRenderer choose(String chromium, Duration timeout, int maxConcurrent, Duration queueWait) {
        if (chromium != null && !chromium.isBlank() && Files.isExecutable(Path.of(chromium))) {
            return new ChromiumPdf(Path.of(chromium), timeout, maxConcurrent, queueWait);
        }
        LOG.warn("pdf: no Chromium at '{}' (pdf.chromium, CHROMIUM): PDFs are rendered by openhtmltopdf, whose Thai "
                + "tone marks are not shaped", chromium);
        return new OpenHtmlPdf();
    }

    /** Without a configuration (tools, tests): CHROMIUM from the environment, else Debian's path; the usual limits. */
    static PdfRenderer fromEnvironment() {
        String env = System.getenv("CHROMIUM");
        return choose(env == null || env.isBlank() ? DEFAULT_CHROMIUM : env, Duration.ofSeconds(30), 2,
                Duration.ofSeconds(20));
    }
}
