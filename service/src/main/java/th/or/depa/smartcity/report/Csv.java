package th.or.depa.smartcity.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * RFC 4180 CSV: CRLF after every row; a field with a comma, a quote, CR or LF is quoted, quotes doubled. A field
 * that begins with =, +, -, @, tab or CR gets a leading single quote (OWASP, CSV injection), so that a spreadsheet
 * shows a city named =HYPERLINK(...) as text instead of running it as a formula.
 */
public final class Csv {

    /** The first characters that make a spreadsheet read a cell as a formula (OWASP's list). */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Writer out;

    public Csv(Writer out) {
        this.out = out;
    }

    public void row(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        if (!value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
