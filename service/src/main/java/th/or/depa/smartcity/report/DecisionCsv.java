package th.or.depa.smartcity.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * Writes the decisions report as CSV while the plans are read (api.md, Reports): UTF-8 with a byte-order mark so
 * that a spreadsheet keeps the Thai, a header, one row per plan; lists joined by spaces inside a cell.
 */
public final class DecisionCsv {

    public static final List<String> COLUMNS = List.of("id", "organisation", "city", "cityTh", "province", "kind",
            "state", "outcome", "notMet", "warnings", "domains", "submittedAt", "updatedAt", "validFrom",
            "validUntil");

    private DecisionCsv() {
    }

    public static void write(Iterator<DecisionLine> lines, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        Csv csv = new Csv(writer);
        csv.row(COLUMNS);
        while (lines.hasNext()) {
            csv.row(row(lines.next()));
        }
        writer.flush();
    }

    static List<String> row(DecisionLine p) {
        return java.util.Arrays.asList(p.id(), p.organisation(), p.city(), p.cityTh(), p.province(), p.kind(),
                p.state(), p.outcome(), String.join(" ", p.notMet()), String.join(" ", p.warnings()),
                String.join(" ", p.domains()), string(p.submittedAt()), string(p.updatedAt()),
                p.certificate() == null ? null : p.certificate().validFrom(),
                p.certificate() == null ? null : p.certificate().validUntil());
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
