package th.or.depa.smartcity.report;

import java.io.IOException;

/** Turns a self-contained XHTML report page into a whole PDF (A4, the page's own @page CSS). */
public interface PdfRenderer {

    /** The whole PDF, or an exception: never half a document. */
    byte[] render(String xhtml) throws IOException;

    /** What renders, in a few words, for the health check and the start-up log. */
    String describe();

    /** Whether Thai marks are shaped (stacked and placed by the font's rules). */
    boolean shapesThai();

    /** Whether inline SVG (the reports' charts) is drawn; a renderer that cannot gets the charts' number tables only. */
    default boolean drawsSvg() {
        return false;
    }
}
