package th.or.depa.smartcity.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * parameters.csv as the threshold form shows and edits it: each threshold's line, name, value and meaning, and the
 * same text with some values replaced, every other character kept (comments, order, meanings).
 * Stands in for ParametersFile.lines / withValues (the CSV-library reader) until that is merged: one swap.
 */
public final class ParameterLines {

    /** A threshold as written on its line (1-based); meaning is the rest of the line after the value. */
    public record Line(int line, String name, String value, String meaning) {
    }

    private ParameterLines() {
    }

    public static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", 3);
            if (cells.length >= 2) {
                out.add(new Line(i + 1, cells[0].strip(), cells[1].strip(), cells.length > 2 ? cells[2].strip() : ""));
            }
        }
        return out;
    }

    /** The text with the value cell of each named threshold replaced; names not in the file are ignored. */
    public static String withValues(String text, Map<String, String> values) {
        String[] lines = text.split("(?<=\n)", -1);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (String raw : lines) {
            String line = raw.strip();
            int first = raw.indexOf(',');
            String name = first < 0 ? "" : raw.substring(0, first).strip();
            if (line.startsWith("#") || first < 0 || !values.containsKey(name)) {
                out.append(raw);
                continue;
            }
            int second = raw.indexOf(',', first + 1);
            int end = second >= 0 ? second : raw.length() - eol(raw).length();
            out.append(raw, 0, first + 1).append(values.get(name)).append(raw.substring(end));
        }
        return out.toString();
    }

    private static String eol(String raw) {
        return raw.endsWith("\r\n") ? "\r\n" : raw.endsWith("\n") ? "\n" : "";
    }
}
