package th.or.depa.smartcity.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;

/**
 * Writes the decisions report as JSON while the plans are read: {"from", "to", "plans": [...], "totals": {...},
 * the totals after the plans because they are counted on the way, then the month-by-month "series" and
 * "seriesTotals" (counted before the answer starts: {@link DecisionSeries}).
 */
public final class DecisionJson {

    private DecisionJson() {
    }

    public static void write(ObjectMapper mapper, DecisionQuery q, Iterator<DecisionLine> lines,
                             DecisionSeries.Series series, OutputStream out) throws IOException {
        DecisionTotals totals = new DecisionTotals();
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the container closes the response
            json.writeStartObject();
            json.writeStringField("from", q.from() == null ? null : q.from().toString());
            json.writeStringField("to", q.to() == null ? null : q.to().toString());
            json.writeArrayFieldStart("plans");
            while (lines.hasNext()) {
                DecisionLine line = lines.next();
                totals.add(line);
                json.writeObject(line);
            }
            json.writeEndArray();
            json.writeObjectField("totals", totals);
            json.writeObjectField("series", series.months());
            json.writeObjectField("seriesTotals", series.totals());
            json.writeObjectField("expiringSoon", series.expiringSoon());
            json.writeEndObject();
            json.flush();
        }
    }
}
