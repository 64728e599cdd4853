package th.or.depa.smartcity.support;

import java.io.IOException;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF's text as PDFBox extracts it, for comparing Thai words. Chromium (HarfBuzz) places a tone mark over ป, ฝ, ฟ
 * or a short consonant to the left of its letter's end, and PDFBox 3's PDFTextStripper takes the step back to the
 * next letter for a word gap: "เป้ าหมาย". Every letter comes back, in order; only that space is dropped here, on
 * both sides of a comparison ({@link #same}), so "ได้ ผ่าน" still has its real space.
 */
public final class PdfText {

    private static final Pattern SPACE_AFTER_MARK = Pattern.compile("([\\u0E31\\u0E34-\\u0E3A\\u0E47-\\u0E4E]) (?=[\\u0E01-\\u0E4E])");

    private PdfText() {
    }

    public static String of(PDDocument doc, boolean sortByPosition) throws IOException {
        PDFTextStripper s = new PDFTextStripper();
        s.setSortByPosition(sortByPosition);
        return same(s.getText(doc));
    }

    /** The text with the space a stripper puts between a Thai mark and the next Thai letter taken out. */
    public static String same(String text) {
        return SPACE_AFTER_MARK.matcher(text).replaceAll("$1");
    }
}
