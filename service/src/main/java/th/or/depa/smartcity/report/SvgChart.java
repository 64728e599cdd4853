package th.or.depa.smartcity.report;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Horizontal bar charts as inline SVG, drawn on the server: one row per bar, a bar made of coloured segments
 * (stacked), its total at the end, and a legend under the bars. A label too wide for its column is wrapped onto
 * several lines ({@code <tspan>}s) at Thai and English word breaks, never cut. All text is escaped.
 */
public final class SvgChart {

    public record Segment(String name, long value, String color) {
    }

    public record Bar(String label, List<Segment> segments) {
        long total() {
            return segments.stream().mapToLong(Segment::value).sum();
        }
    }

    public record Key(String name, String color) {
    }

    private static final int WIDTH = 760;
    private static final int LABEL = 300;
    private static final int BARS = 390;
    private static final int LINE = 16;
    private static final int PAD = 8;
    private static final int FONT = 13;
    private static final Locale THAI = Locale.forLanguageTag("th");

    private SvgChart() {
    }

    /** The chart: geometry computed here, the markup in report/templates/chart.mustache (escaped by the engine). */
    public static String bars(String title, List<Bar> bars, List<Key> legend) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::total).max().orElse(1));
        List<List<String>> labels = bars.stream().map(b -> wrap(b.label(), LABEL - 12)).toList();
        int height = 8 + labels.stream().mapToInt(l -> rowHeight(l.size())).sum() + (bars.isEmpty() ? 24 : 0)
                + (legend.isEmpty() ? 0 : 24) + 4;
        Map<String, Object> m = new HashMap<>();
        m.put("width", WIDTH);
        m.put("height", height);
        m.put("title", title);
        m.put("font", FONT);
        int y = 8;
        if (bars.isEmpty()) {
            m.put("empty", Map.of("x", LABEL, "y", y + 17));
            y += 24;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            List<String> lines = labels.get(i);
            int row = rowHeight(lines.size());
            List<Map<String, Object>> spans = new ArrayList<>();
            for (int l = 0; l < lines.size(); l++) {
                spans.add(Map.of("dy", l == 0 ? 0 : LINE, "text", lines.get(l)));
            }
            int barTop = y + (row - (LINE + 2)) / 2;
            double x = LABEL;
            List<Map<String, Object>> rects = new ArrayList<>();
            for (Segment seg : bar.segments()) {
                double w = seg.value() * (double) BARS / max;
                if (w > 0) {
                    rects.add(Map.of("x", round(x), "width", round(w), "color", seg.color(),
                            "tip", bar.label() + " — " + seg.name() + ": " + seg.value()));
                }
                x += w;
            }
            rows.add(Map.of("labelX", LABEL - 8, "labelY", y + PAD / 2 + 12, "lines", spans, "top", barTop,
                    "height", LINE + 2, "rects", rects, "totalX", (int) Math.round(x) + 6, "totalY", barTop + 14,
                    "total", bar.total()));
            y += row;
        }
        m.put("rows", rows);
        List<Map<String, Object>> keys = new ArrayList<>();
        int x = LABEL;
        for (Key key : legend) {
            keys.add(Map.of("x", x, "y", y + 7, "textX", x + 16, "textY", y + 17, "color", key.color(), "name", key.name()));
            x += 30 + (int) Math.ceil(width(key.name()));
        }
        m.put("legend", keys);
        return ReportTemplates.render("chart", m);
    }

    private static int rowHeight(int lines) {
        return PAD + LINE * Math.max(1, lines) + 2;
    }

    /**
     * The label in lines no wider than max (estimated: the SVG is not measured by the server), broken where a Thai
     * or English line may break; a run with no break inside that is still too wide is split between characters,
     * never between a Thai consonant and its marks. Joined, the lines are the whole label.
     */
    static List<String> wrap(String label, double max) {
        List<String> lines = new ArrayList<>();
        if (label == null || label.isEmpty()) {
            lines.add("");
            return lines;
        }
        BreakIterator breaks = BreakIterator.getLineInstance(THAI);
        breaks.setText(label);
        StringBuilder line = new StringBuilder();
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            String piece = label.substring(start, end);
            if (line.length() > 0 && width(line + piece.stripTrailing()) > max) {
                lines.add(line.toString().stripTrailing());
                line.setLength(0);
            }
            for (String part : split(piece, max)) {
                if (line.length() > 0 && width(line + part.stripTrailing()) > max) {
                    lines.add(line.toString().stripTrailing());
                    line.setLength(0);
                }
                line.append(part);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** A run without break opportunities, cut into pieces no wider than max, marks kept with their base. */
    private static List<String> split(String run, double max) {
        List<String> parts = new ArrayList<>();
        if (width(run.stripTrailing()) <= max) {
            parts.add(run);
            return parts;
        }
        BreakIterator chars = BreakIterator.getCharacterInstance(THAI);
        chars.setText(run);
        StringBuilder part = new StringBuilder();
        int start = chars.first();
        for (int end = chars.next(); end != BreakIterator.DONE; start = end, end = chars.next()) {
            String cluster = run.substring(start, end);
            if (part.length() > 0 && width(part + cluster) > max) {
                parts.add(part.toString());
                part.setLength(0);
            }
            part.append(cluster);
        }
        if (part.length() > 0) {
            parts.add(part.toString());
        }
        return parts;
    }

    /** Rough width at 13px: Thai marks above and below take no room, wide letters more, spaces less. */
    static double width(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (c == ' ') {
                w += 4;
            } else if (c >= 0x0E00 && c <= 0x0E7F) {
                w += 8.5;
            } else if (Character.isUpperCase(c) || Character.isDigit(c) || c == 'm' || c == 'w') {
                w += 9;
            } else if (c < 0x0250) {
                w += 7;
            } else {
                w += 13;
            }
        }
        return w;
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
