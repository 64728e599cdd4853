package th.or.depa.smartcity.report;

import java.util.List;

/**
 * Horizontal bar charts as inline SVG, drawn on the server: one row per bar, a bar made of coloured segments
 * (stacked), its total at the end, and a legend under the bars. All text is escaped.
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
    private static final int ROW = 24;

    private SvgChart() {
    }

    public static String bars(String title, List<Bar> bars, List<Key> legend) {
        long max = Math.max(1, bars.stream().mapToLong(Bar::total).max().orElse(1));
        int height = 8 + ROW * Math.max(1, bars.size()) + (legend.isEmpty() ? 0 : ROW) + 4;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" aria-label=\"").append(Html.text(title)).append("\">")
                .append("<title>").append(Html.text(title)).append("</title>");
        if (bars.isEmpty()) {
            s.append(text(LABEL, 8 + ROW / 2 + 5, "start", "ไม่มีข้อมูล / no data"));
        }
        int y = 8;
        for (Bar bar : bars) {
            s.append(text(LABEL - 8, y + ROW / 2 + 5, "end", bar.label()));
            double x = LABEL;
            for (Segment seg : bar.segments()) {
                double w = seg.value() * (double) BARS / max;
                if (w > 0) {
                    s.append("<rect x=\"").append(round(x)).append("\" y=\"").append(y + 3).append("\" width=\"")
                            .append(round(w)).append("\" height=\"").append(ROW - 6).append("\" fill=\"")
                            .append(seg.color()).append("\"><title>").append(Html.text(bar.label() + " — "
                                    + seg.name() + ": " + seg.value())).append("</title></rect>");
                }
                x += w;
            }
            s.append(text((int) Math.round(x) + 6, y + ROW / 2 + 5, "start", Long.toString(bar.total())));
            y += ROW;
        }
        int x = LABEL;
        for (Key key : legend) {
            s.append("<rect x=\"").append(x).append("\" y=\"").append(y + 7).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(key.color()).append("\"/>");
            s.append(text(x + 16, y + 17, "start", key.name()));
            x += 30 + key.name().length() * 7;
        }
        return s.append("</svg>").toString();
    }

    private static String text(int x, int y, String anchor, String text) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" font-size=\"13\">"
                + Html.text(text) + "</text>";
    }

    private static String round(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
