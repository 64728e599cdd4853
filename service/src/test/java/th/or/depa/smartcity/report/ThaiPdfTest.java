package th.or.depa.smartcity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import th.or.depa.smartcity.support.PdfText;

/**
 * Thai in the PDFs: lines break between words on both renderers, Chromium's marks sit where a browser puts them
 * (compared as images against Chromium's own screenshot; the unshaped openhtmltopdf render is shown to differ), the
 * text stays extractable, and hostile markup neither reaches the network nor breaks the PDF. The PNGs are kept
 * under target/thai-pdf to look at.
 */
class ThaiPdfTest {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", PdfRenderers.DEFAULT_CHROMIUM));
    static final Path OUT = Path.of("target", "thai-pdf");
    static final List<String> WORDS = List.of("ยื่น", "เมื่อ", "ได้", "ปี่", "ฎีกา");
    /** report.css: @page margins 12 mm left and right, on A4. */
    static final float MARGIN = 12 / 25.4f * 72;
    /** An unspaced Thai paragraph (Thai puts no spaces between words), far longer than a line. */
    static final String UNSPACED = "การพัฒนาเมืองอัจฉริยะต้องมีแผนงานที่ชัดเจนและยื่นเอกสารประกอบเมื่อได้รับการร้องขอจากคณะกรรมการ"
            .repeat(8);

    static ChromiumPdf chromium;
    static final OpenHtmlPdf fallback = new OpenHtmlPdf();

    @BeforeAll
    static void setUp() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
        chromium = new ChromiumPdf(CHROMIUM, Duration.ofSeconds(60), 2, Duration.ofSeconds(60));
        Files.createDirectories(OUT);
    }

    static String page(String css, String body) {
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"th\"><head><meta charset=\"UTF-8\"/>"
                + "<title>ทดสอบ</title><style>" + Html.resource("report.css") + css + "</style></head><body>" + body
                + "</body></html>";
    }

    @Nested
    class LineBreaking {

        final String paragraph = page("", "<h1>ย่อหน้ายาว</h1><p>" + UNSPACED + "</p>");

        @Test
        void anUnspacedThaiParagraphStaysInsideTheMarginsWithChromium() throws IOException {
            assertWithinMargins(chromium.render(paragraph), "chromium");
        }

        @Test
        void anUnspacedThaiParagraphStaysInsideTheMarginsWithTheFallback() throws IOException {
            assertWithinMargins(fallback.render(paragraph), "openhtmltopdf");
        }

        @Test
        void withoutTheThaiBreakerOpenhtmltopdfOverflows_soTheCheckAboveWouldCatchIt() throws IOException {
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFont(() -> new java.io.ByteArrayInputStream(ThaiFont.REGULAR), ThaiFont.FAMILY);
            b.withHtmlContent(paragraph, null);
            b.toStream(pdf);
            b.run();
            List<TextPosition> all = positions(pdf.toByteArray());
            float width = pageWidth(pdf.toByteArray());
            assertTrue(all.stream().anyMatch(t -> t.getXDirAdj() + t.getWidthDirAdj() > width - MARGIN + 1),
                    "openhtmltopdf's own breaker lets the run overflow");
        }

        void assertWithinMargins(byte[] pdf, String who) throws IOException {
            Files.write(OUT.resolve("unspaced-" + who + ".pdf"), pdf);
            float width = pageWidth(pdf);
            assertEquals(595, width, 1, "A4");
            List<TextPosition> all = positions(pdf);
            assertTrue(all.size() > UNSPACED.length() / 2, who + ": the text is there");
            for (TextPosition t : all) {
                float left = t.getXDirAdj();
                float right = left + t.getWidthDirAdj();
                assertTrue(left >= MARGIN - 1 && right <= width - MARGIN + 1,
                        who + ": '" + t.getUnicode() + "' at " + left + ".." + right + " of " + width);
            }
            long lines = all.stream().map(t -> Math.round(t.getYDirAdj())).distinct().count();
            assertTrue(lines >= 8, who + ": the paragraph wraps over several lines, not " + lines);
            String text = new PDFTextStripper().getText(Loader.loadPDF(pdf)).replaceAll("\\s", "");
            assertTrue(text.contains(UNSPACED.substring(0, 60)), who + ": the words come back in order");
        }
    }

    /** The test page for shaping: each word in its own 120 px band, large, at the page's top-left, no margins. */
    static final int BAND = 140;
    static final String SHAPING_CSS = "@page { size: A4; margin: 0; } html, body { margin: 0; padding: 0; max-width: none; }"
            + " div.w { font-family: 'Garuda'; font-size: 56px; line-height: 1; height: " + BAND + "px;"
            + " padding: 16px 0 0 40px; box-sizing: border-box; overflow: hidden; }";

    static String shapingPage() {
        return page(SHAPING_CSS, WORDS.stream().map(w -> "<div class=\"w\">" + w + "</div>").collect(Collectors.joining()));
    }

    @Nested
    class Shaping {

        @Test
        void chromiumsPdfPutsTheMarksWhereTheBrowserDoes_theUnshapedFallbackDoesNot() throws Exception {
            String page = shapingPage();
            BufferedImage browser = screenshot(page);
            BufferedImage shaped = raster(chromium.render(page));
            BufferedImage unshaped = raster(fallback.render(page));
            ImageIO.write(browser, "png", OUT.resolve("marks-browser-screenshot.png").toFile());
            ImageIO.write(shaped, "png", OUT.resolve("marks-chromium-pdf.png").toFile());
            ImageIO.write(unshaped, "png", OUT.resolve("marks-openhtmltopdf-pdf.png").toFile());
            ImageIO.write(sideBySide(browser, shaped, unshaped), "png", OUT.resolve("marks-side-by-side.png").toFile());
            StringBuilder report = new StringBuilder();
            double worstShaped = 1;
            double worstUnshaped = 1;
            int unshapedOff = 0;
            for (int i = 0; i < WORDS.size(); i++) {
                Ink b = Ink.of(browser, i);
                Ink s = Ink.of(shaped, i);
                Ink u = Ink.of(unshaped, i);
                double sameShaped = b.overlap(s);
                double sameUnshaped = b.overlap(u);
                report.append(String.format("%s browser %dx%d, chromium pdf %dx%d overlap %.2f, openhtmltopdf %dx%d overlap %.2f%n",
                        WORDS.get(i), b.width(), b.height(), s.width(), s.height(), sameShaped, u.width(), u.height(),
                        sameUnshaped));
                worstShaped = Math.min(worstShaped, sameShaped);
                worstUnshaped = Math.min(worstUnshaped, sameUnshaped);
                unshapedOff += sameUnshaped < 0.85 ? 1 : 0;
                assertEquals(b.height(), s.height(), 3, WORDS.get(i) + ": the marks reach as high and low\n" + report);
            }
            Files.writeString(OUT.resolve("marks.txt"), report);
            System.out.println(report);
            assertTrue(worstShaped > 0.9, "every word's ink matches the browser's\n" + report);
            assertTrue(worstUnshaped < worstShaped - 0.1, "the unshaped render differs where the marks are\n" + report);
            assertTrue(unshapedOff >= 2, "several words' marks are off without shaping\n" + report);
        }
    }

    @Nested
    class Text {

        @Test
        void theThaiWordsComeBackAsTypedAndTheFontIsTheEmbeddedGaruda() throws IOException {
            byte[] pdf = chromium.render(page("", "<h1>รายงาน <span class=\"en\">Report</span></h1><p>"
                    + String.join(" ", WORDS) + "</p><p><b>" + String.join(" ", WORDS) + "</b></p>"
                    + "<p>เป้าหมายอย่างน้อยหนึ่งข้อ ฝั่งฟ้า</p>"));
            Files.write(OUT.resolve("words-chromium.pdf"), pdf);
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(doc);
                for (String w : WORDS) {
                    assertTrue(text.contains(w), w + " in\n" + text);
                }
                assertTrue(text.contains("Report"));
                String marksMovedLeft = PdfText.of(doc, false);
                for (String w : List.of("เป้าหมาย", "อย่างน้อย", "ฝั่ง", "ฟ้า")) {
                    assertTrue(marksMovedLeft.contains(w), w + " in\n" + marksMovedLeft);
                }
                PDPage first = doc.getPage(0);
                assertEquals(595, first.getMediaBox().getWidth(), 1, "A4 wide");
                assertEquals(842, first.getMediaBox().getHeight(), 1, "A4 high");
                List<String> fonts = new ArrayList<>();
                for (var name : first.getResources().getFontNames()) {
                    PDFont font = first.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                    fonts.add(font.getName());
                }
                assertFalse(fonts.isEmpty());
                assertTrue(fonts.stream().allMatch(f -> f.contains("Garuda")), "only Garuda: " + fonts);
            }
        }

        @Test
        void theReportsPageCssIsHonoured_aPageNumberInTheBottomMarginAndSeveralA4Pages() throws IOException {
            String rows = ("<p>" + UNSPACED + "</p>").repeat(12);
            try (PDDocument doc = Loader.loadPDF(chromium.render(page("", rows)))) {
                assertTrue(doc.getNumberOfPages() >= 2, "pages: " + doc.getNumberOfPages());
                String text = new PDFTextStripper().getText(doc);
                assertTrue(text.contains("1 / " + doc.getNumberOfPages()), "the @page counter: " + text.substring(0,
                        Math.min(200, text.length())));
            }
        }
    }

    @Nested
    class Hostile {

        @Test
        void markupFromOutsideMakesNoRequestRunsNoScriptAndThePdfIsWhole() throws Exception {
            AtomicInteger requests = new AtomicInteger();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", x -> {
                requests.incrementAndGet();
                x.sendResponseHeaders(200, -1);
                x.close();
            });
            server.start();
            try {
                String at = "http://127.0.0.1:" + server.getAddress().getPort();
                String evil = "<link rel=\"stylesheet\" href=\"" + at + "/css\"/>"
                        + "<style>@import url(" + at + "/import); body { background: url(" + at + "/bg); }"
                        + " @font-face { font-family: x; src: url(" + at + "/font); } p { font-family: x, Garuda; }</style>"
                        + "<p>ก่อน</p><img src=\"" + at + "/img\"/><iframe src=\"" + at + "/frame\"></iframe>"
                        + "<script>document.body.innerHTML = 'SCRIPT RAN'; fetch('" + at + "/fetch');</script>"
                        + "<img src=\"x\" onerror=\"document.body.innerHTML='HANDLER RAN'\"/>"
                        + "<object data=\"" + at + "/object\"></object><p>หลัง</p>";
                byte[] pdf = chromium.render(page("", evil));
                assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.ISO_8859_1));
                String text;
                try (PDDocument doc = Loader.loadPDF(pdf)) {
                    text = new PDFTextStripper().getText(doc);
                }
                assertTrue(text.contains("ก่อน") && text.contains("หลัง"), text);
                assertFalse(text.contains("RAN"), "no script ran: " + text);
                Thread.sleep(200);
                assertEquals(0, requests.get(), "requests to the outside");
            } finally {
                server.stop(0);
            }
        }
    }

    @Nested
    class Limits {

        @TempDir
        Path dir;

        /** A stand-in for Chromium that never finishes: the render must be killed, answered, and leave nothing. */
        Path hangingBrowser() throws IOException {
            Path script = dir.resolve("chromium");
            Files.writeString(script, "#!/bin/sh\nsleep 300 &\nwait\n");
            assertTrue(script.toFile().setExecutable(true));
            return script;
        }

        @Test
        void aRenderThatTakesTooLongIsKilledAndIsUnavailableNotHalfAPdf() throws Exception {
            Set<Path> before = leftovers();
            ChromiumPdf slow = new ChromiumPdf(hangingBrowser(), Duration.ofSeconds(1), 2, Duration.ofSeconds(1));
            long start = System.nanoTime();
            PdfUnavailable e = assertThrows(PdfUnavailable.class, () -> slow.render(shapingPage()));
            assertTrue(e.getMessage().contains("longer than"), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "killed at the timeout");
            assertEquals(before, leftovers(), "the render's temp folder is removed");
            assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("")
                    .contains(dir.toString())), "no process of the render is left");
        }

        @Test
        void beyondTheConcurrencyLimitARenderWaitsABoundedTimeThenIsBusy() throws Exception {
            ChromiumPdf one = new ChromiumPdf(hangingBrowser(), Duration.ofSeconds(3), 1, Duration.ofMillis(300));
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
                try {
                    one.render(shapingPage());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Thread.sleep(500);
            PdfUnavailable busy = assertThrows(PdfUnavailable.class, () -> one.render(shapingPage()));
            assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
            Throwable firstFailure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> first.get(10, TimeUnit.SECONDS)).getCause();
            assertTrue(firstFailure instanceof PdfUnavailable, String.valueOf(firstFailure));
        }

        @Test
        void realRendersLeaveNoTempFiles() throws IOException {
            Set<Path> before = leftovers();
            chromium.render(shapingPage());
            assertEquals(before, leftovers());
        }

        @Test
        void unavailableIsA503WithAJsonBody() {
            var r = new th.or.depa.smartcity.api.ErrorMappers.PdfBusy().toResponse(new PdfUnavailable("busy"));
            assertEquals(503, r.getStatus());
            assertEquals("application/json", r.getMediaType().toString());
        }

        Set<Path> leftovers() throws IOException {
            try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                return all.filter(p -> p.getFileName().toString().startsWith("smartcity-pdf-")).collect(Collectors.toSet());
            }
        }
    }

    @Test
    void withoutChromiumTheFallbackIsChosenAndSaysSo() {
        PdfRenderer r = PdfRenderers.choose("/nonexistent/chromium", Duration.ofSeconds(1), 1, Duration.ofSeconds(1));
        assertFalse(r.shapesThai());
        assertEquals("openhtmltopdf fallback (Thai marks unshaped)", r.describe());
        assertTrue(PdfRenderers.choose(CHROMIUM.toString(), Duration.ofSeconds(1), 1, Duration.ofSeconds(1)).shapesThai());
        PdfRenderer before = PlanReportPdf.renderer();
        try {
            PlanReportPdf.use(r);
            var health = new PdfHealthCheck().execute();
            assertTrue(health.isHealthy());
            assertEquals("pdf: openhtmltopdf fallback (Thai marks unshaped)", health.getMessage());
        } finally {
            PlanReportPdf.use(before);
        }
    }

    /** The words' column of each image, left to right: browser, Chromium PDF, openhtmltopdf PDF. */
    static BufferedImage sideBySide(BufferedImage... images) {
        int w = 240;
        int h = BAND * WORDS.size();
        BufferedImage all = new BufferedImage(w * images.length, h, BufferedImage.TYPE_INT_RGB);
        var g = all.createGraphics();
        for (int i = 0; i < images.length; i++) {
            g.drawImage(images[i].getSubimage(0, 0, w, Math.min(h, images[i].getHeight())), i * w, 0, null);
            g.setColor(java.awt.Color.LIGHT_GRAY);
            g.drawLine(i * w, 0, i * w, h);
        }
        g.dispose();
        return all;
    }

    /** Chromium's own screen render of a page (the same font, injected the same way), as the reference. */
    static BufferedImage screenshot(String page) throws Exception {
        Path dir = Files.createTempDirectory("thai-shot-");
        Path in = dir.resolve("page.html");
        Path png = dir.resolve("shot.png");
        Files.writeString(in, ChromiumPdf.selfContained(page), StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(chromium.flags(dir.resolve("profile")));
        cmd.add("--screenshot=" + png);
        cmd.add("--window-size=794," + BAND * WORDS.size());
        cmd.add(in.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the screenshot is taken");
        BufferedImage shot = ImageIO.read(png.toFile());
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return shot;
    }

    /** The PDF's first page at 96 dpi: one PDF pixel per CSS pixel, as on the screen. */
    static BufferedImage raster(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFRenderer(doc).renderImageWithDPI(0, 96, ImageType.RGB);
        }
    }

    /** The dark pixels of one word's band, cut to their bounding box; anti-aliasing is below the threshold. */
    record Ink(boolean[][] dark, int width, int height) {

        static Ink of(BufferedImage image, int band) {
            int top = band * BAND;
            int bottom = Math.min(image.getHeight(), top + BAND);
            int minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
            for (int y = top; y < bottom; y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if (isDark(image.getRGB(x, y))) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
            assertTrue(maxX >= 0, "band " + band + " has ink");
            boolean[][] dark = new boolean[maxY - minY + 1][maxX - minX + 1];
            for (int y = minY; y <= maxY; y++) {
                for (int x = minX; x <= maxX; x++) {
                    dark[y - minY][x - minX] = isDark(image.getRGB(x, y));
                }
            }
            return new Ink(dark, maxX - minX + 1, maxY - minY + 1);
        }

        static boolean isDark(int rgb) {
            int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
            return (r + g + b) / 3 < 128;
        }

        /**
         * How much of the two inks coincide (intersection over union), aligned at the bottom-left of their boxes:
         * the base letters line up, so marks in another place or height show as ink on one side only. One pixel
         * of slack either way absorbs anti-aliasing and rounding.
         */
        double overlap(Ink other) {
            int h = Math.max(height, other.height);
            int w = Math.max(width, other.width);
            int both = 0, either = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean a = at(y - (h - height), x);
                    boolean b = other.at(y - (h - other.height), x);
                    if (a || b) {
                        either++;
                        if ((a && other.near(y - (h - other.height), x)) || (b && near(y - (h - height), x))) {
                            both++;
                        }
                    }
                }
            }
            return either == 0 ? 1 : (double) both / either;
        }

        boolean at(int y, int x) {
            return y >= 0 && x >= 0 && y < height && x < width && dark[y][x];
        }

        boolean near(int y, int x) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (at(y + dy, x + dx)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static List<TextPosition> positions(byte[] pdf) throws IOException {
        List<TextPosition> all = new ArrayList<>();
        PDFTextStripper s = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> textPositions) {
                all.addAll(textPositions);
            }
        };
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            s.getText(doc);
        }
        return all;
    }

    static float pageWidth(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getPage(0).getMediaBox().getWidth();
        }
    }
}
