package th.or.depa.smartcity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The series' months in Bangkok time, the state chart's colours and long Thai labels in the charts. */
class DecisionChartsTest {

    static final String SC07 = "SC-07 การคุ้มครองข้อมูลและความมั่นคงปลอดภัยไซเบอร์ / Data protection and cybersecurity";
    static final List<String> LONG = List.of(
            "SC-06 แพลตฟอร์มข้อมูลเมืองแบบเปิด / Open city data platform", SC07,
            "SC-09 หน่วยงานบริหารจัดการเมือง / Management body",
            "การคุ้มครองข้อมูลและความมั่นคงปลอดภัยไซเบอร์การคุ้มครองข้อมูลและความมั่นคงปลอดภัยไซเบอร์");

    @Test
    void aMonthIsACalendarMonthInBangkok() {
        assertEquals(YearMonth.of(2026, 11), DecisionSeries.month(Instant.parse("2026-10-31T17:30:00Z")),
                "00:30 on 1 November in Bangkok");
        assertEquals(YearMonth.of(2026, 10), DecisionSeries.month(Instant.parse("2026-10-31T16:59:59Z")));
        assertEquals(YearMonth.of(2027, 1), DecisionSeries.month(Instant.parse("2026-12-31T17:00:00Z")));
    }

    @Test
    void eachStateHasItsOwnColourAndARejectedPlanIsNeverPassGreen() {
        String certified = DecisionPage.stateColor("CERTIFIED");
        for (String state : List.of("REJECTED", "WITHDRAWN", "REVOKED", "NOT_ELIGIBLE")) {
            assertNotEquals(certified, DecisionPage.stateColor(state), state);
        }
        String svg = SvgChart.bars("t", List.of(
                new SvgChart.Bar("Rejected", List.of(new SvgChart.Segment("Rejected", 2, DecisionPage.stateColor("REJECTED")))),
                new SvgChart.Bar("Certified", List.of(new SvgChart.Segment("Certified", 1, certified)))), List.of());
        assertTrue(svg.contains("fill=\"" + DecisionPage.stateColor("REJECTED") + "\"><title>Rejected"), svg);
        assertTrue(svg.contains("fill=\"" + certified + "\"><title>Certified"), svg);
    }

    @Test
    void longThaiLabelsWrapIntoLinesThatKeepEveryCharacter() {
        for (String label : LONG) {
            List<String> lines = SvgChart.wrap(label, 288);
            assertEquals(label.replace(" ", ""), String.join("", lines).replace(" ", ""), "nothing cut: " + lines);
            for (String line : lines) {
                assertTrue(SvgChart.width(line) <= 288, "fits: " + line);
                assertTrue(!line.isEmpty() && Character.getType(line.codePointAt(0)) != Character.NON_SPACING_MARK,
                        "a line never starts with a Thai mark: " + line);
            }
        }
        assertTrue(SvgChart.wrap(SC07, 288).size() > 1, "SC-07 needs more than one line");
    }

    @Test
    void theChartDrawsEveryLineOfTheLabelAsTspansAndItsNumber() {
        String svg = SvgChart.bars("Most often unmet", List.of(new SvgChart.Bar(SC07,
                List.of(new SvgChart.Segment("unmet", 7, "#ef6c00")))), List.of());
        Matcher m = Pattern.compile("<tspan[^>]*>([^<]*)</tspan>").matcher(svg);
        List<String> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(m.group(1));
        }
        assertTrue(spans.size() > 1, svg);
        assertEquals(SC07.replace(" ", ""), String.join("", spans).replace(" ", ""));
        assertTrue(svg.contains(">7</text>"), "the number beside the bar");
        Matcher h = Pattern.compile("height=\"(\\d+)\"").matcher(svg);
        assertTrue(h.find());
        assertTrue(Integer.parseInt(h.group(1)) >= 8 + 16 * spans.size(), "the row grows with its lines");
    }
}
