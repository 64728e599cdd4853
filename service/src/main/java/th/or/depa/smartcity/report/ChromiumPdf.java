package th.or.depa.smartcity.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders PDFs with headless Chromium, one browser process per PDF (--print-to-pdf): Chromium shapes Thai with
 * HarfBuzz (marks stacked and placed by the font's rules) and breaks lines between Thai words (ICU). The page gets
 * the Garuda font as data: URLs and a Content-Security-Policy allowing nothing from outside and no script (the
 * page's policy is how JavaScript is off: --blink-settings=scriptEnabled=false stops --print-to-pdf from printing);
 * the browser's proxy is a closed port. Each render has its own profile and files in a temp folder, removed after;
 * at most {@code maxConcurrent} run at once, the others wait up to {@code queueWait}; a render that takes longer
 * than {@code timeout} is killed with its children. Busy, slow or failed renders are {@link PdfUnavailable}.
 */
public final class ChromiumPdf implements PdfRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ChromiumPdf.class);
    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEAD_END = Pattern.compile("</head\\s*>", Pattern.CASE_INSENSITIVE);
    private static final String HEAD_START = resource("chromium-head.html");
    private static final String FONTS = "<style>" + resource("chromium-fonts.css")
            .replace("{{regular}}", Base64.getEncoder().encodeToString(ThaiFont.REGULAR))
            .replace("{{bold}}", Base64.getEncoder().encodeToString(ThaiFont.BOLD)) + "</style>";

    private final Path chromium;
    private final Duration timeout;
    private final Duration queueWait;
    private final Semaphore slots;

    public ChromiumPdf(Path chromium, Duration timeout, int maxConcurrent, Duration queueWait) {
        this.chromium = chromium;
        this.timeout = timeout;
        this.queueWait = queueWait;
        this.slots = new Semaphore(maxConcurrent, true);
    }

    @Override
    public byte[] render(String xhtml) throws IOException {
        String page = selfContained(xhtml);
        boolean got;
        try {
            got = slots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PdfUnavailable("interrupted while waiting for the PDF renderer", e);
        }
        if (!got) {
            throw new PdfUnavailable("the PDF renderer is busy; try again shortly");
        }
        Path dir = Files.createTempDirectory("smartcity-pdf-");
        try {
            return print(page, dir);
        } finally {
            slots.release();
            delete(dir);
        }
    }

    private byte[] print(String page, Path dir) throws IOException {
        Path in = dir.resolve("report.html");
        Path out = dir.resolve("report.pdf");
        Path log = dir.resolve("chromium.log");
        Files.writeString(in, page, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(flags(dir.resolve("profile")));
        command.add("--no-pdf-header-footer");
        command.add("--print-to-pdf=" + out);
        command.add(in.toUri().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(p);
                throw new PdfUnavailable("the PDF took longer than " + timeout.toSeconds() + " s to render");
            }
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new PdfUnavailable("interrupted while rendering the PDF", e);
        }
        // the wrapper script can leave a child behind when it exits: none may outlive the render
        kill(p);
        byte[] pdf = Files.exists(out) ? Files.readAllBytes(out) : new byte[0];
        if (p.exitValue() != 0 || !whole(pdf)) {
            LOG.warn("chromium exited {} without a whole PDF ({} bytes): {}", p.exitValue(), pdf.length,
                    tail(log));
            throw new PdfUnavailable("the PDF renderer failed; try again shortly");
        }
        return pdf;
    }

    /** The browser's flags for one run: no sandbox (containers), no GPU, no network, a private profile. */
    List<String> flags(Path profile) {
        return List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", "--mute-audio",
                "--proxy-server=127.0.0.1:9", "--hide-scrollbars");
    }

    /** The page with its charset, the no-network policy first in the head and the font last, before the page's CSS. */
    static String selfContained(String xhtml) {
        Matcher end = HEAD_END.matcher(xhtml);
        String page = end.find() ? xhtml.substring(0, end.start()) + FONTS + xhtml.substring(end.start()) : FONTS + xhtml;
        Matcher head = HEAD.matcher(page);
        return head.find() ? page.substring(0, head.end()) + HEAD_START + page.substring(head.end())
                : HEAD_START + page;
    }

    @Override
    public String describe() {
        return "chromium " + chromium + " (Thai shaped)";
    }

    @Override
    public boolean shapesThai() {
        return true;
    }

    @Override
    public boolean drawsSvg() {
        return true;
    }

    private static boolean whole(byte[] pdf) {
        if (pdf.length < 16 || !new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            return false;
        }
        String end = new String(pdf, pdf.length - Math.min(32, pdf.length), Math.min(32, pdf.length),
                StandardCharsets.ISO_8859_1);
        return end.contains("%%EOF");
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.debug("could not delete {}: {}", f, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }

    private static String resource(String name) {
        try (InputStream in = ChromiumPdf.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/report/" + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
