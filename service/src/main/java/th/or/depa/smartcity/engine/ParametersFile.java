package th.or.depa.smartcity.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import th.or.depa.smartcity.facts.Parameter;

/**
 * Reads rules/parameters.csv, the only file where a threshold's value is written: one per record,
 * {@code name,value,type,meaning}, type one of integer, decimal, codes (space-separated), text. Read with Jackson's
 * CSV parser, so quoting works as in any spreadsheet; a byte-order mark (Excel's "CSV UTF-8"), '#' comment lines,
 * blank lines and a first record {@code name,value,type,meaning} are allowed.
 */
public final class ParametersFile {

    public static final String PATH = "parameters.csv";
    public static final List<String> TYPES = List.of("integer", "decimal", "codes", "text");

    private static final char BOM = '\uFEFF';
    private static final List<String> HEADER = List.of("name", "value", "type", "meaning");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
    private static final Pattern CODES = Pattern.compile("([A-Z][A-Z0-9_]*(\\s+[A-Z][A-Z0-9_]*)*)?");
    private static final Pattern LINE_END = Pattern.compile("\\r\\n|\\r|\\n");
    // strict: quote a cell only where CSV needs it, so a rewritten record looks like the reviewer's own
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema SCHEMA = CsvSchema.emptySchema().withComments();

    /** One record of the file: the line it starts on, its four cells as written (trimmed). */
    public record Line(int line, String name, String value, String type, String meaning) {
    }

    /** A record and the last line it spans (a quoted cell may hold a line break); line is null when refused. */
    private record Span(Line line, int lastLine) {
    }

    /** The records of a file, and whether the CSV parser read it to the end. */
    private record Records(List<Span> spans, boolean readable) {
    }

    private ParametersFile() {
    }

    /** The parameters a rule set reads; a line with a problem is left out and its problem added to errors. */
    public static Map<String, Parameter> parse(String text, List<RuleError> errors) {
        List<RuleError> found = new ArrayList<>();
        List<Line> lines = lines(text, found);
        Set<Integer> refused = new HashSet<>();
        found.forEach(e -> refused.add(e.line()));
        errors.addAll(found);
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (Line l : lines) {
            if (!refused.contains(l.line()) && !params.containsKey(l.name())) {
                params.put(l.name(), new Parameter(l.name(), l.value(), l.type()));
            }
        }
        return params;
    }

    /**
     * Every record with four cells, in file order (the header record left out), as a form lists them; each problem
     * (a record without four cells, a bad name or type, a value not of its type, a name set twice) is added to errors
     * with its line.
     */
    public static List<Line> lines(String text, List<RuleError> errors) {
        List<Line> out = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (Span s : records(text, errors).spans()) {
            Line l = s.line();
            if (l == null) {
                continue;
            }
            String problem = problem(l);
            if (problem == null && firstLine.containsKey(l.name())) {
                problem = EngineMessages.text("parameters.twice", l.name(), firstLine.get(l.name()));
            }
            firstLine.putIfAbsent(l.name(), l.line());
            if (problem != null) {
                errors.add(new RuleError(PATH, l.line(), problem));
            }
            out.add(l);
        }
        return out;
    }

    /**
     * The same file with these parameters' values replaced: comments, order, line breaks and meanings kept, a
     * changed record re-quoted as CSV needs. An unknown name or an unreadable file is an IllegalArgumentException.
     */
    public static String withValues(String text, Map<String, String> values) {
        List<RuleError> errors = new ArrayList<>();
        Records records = records(text, errors);
        if (!records.readable()) {
            throw new IllegalArgumentException(errors.get(errors.size() - 1).toString());
        }
        Map<Integer, Span> byFirstLine = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (Span s : records.spans()) {
            if (s.line() != null) {
                byFirstLine.put(s.line().line(), s);
                names.add(s.line().name());
            }
        }
        values.keySet().stream().filter(n -> !names.contains(n)).findFirst().ifPresent(n -> {
            throw new IllegalArgumentException(EngineMessages.text("parameters.unknown", n));
        });
        boolean bom = !text.isEmpty() && text.charAt(0) == BOM;
        List<String[]> lines = splitKeepingEnds(bom ? text.substring(1) : text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        if (bom) {
            out.append(BOM);
        }
        for (int i = 0; i < lines.size(); i++) {
            Span s = byFirstLine.get(i + 1);
            if (s != null && values.containsKey(s.line().name()) && !values.get(s.line().name()).equals(s.line().value())) {
                Line l = s.line();
                String end = lines.get(s.lastLine() - 1)[1];
                out.append(record(l.name(), values.get(l.name()), l.type(), l.meaning()))
                        .append(end.isEmpty() ? "" : end);
                i = s.lastLine() - 1;
            } else {
                out.append(lines.get(i)[0]).append(lines.get(i)[1]);
            }
        }
        return out.toString();
    }

    /** Why this value does not fit the parameter's declared type, or null when it does (a rule test's override). */
    public static String wrongType(Parameter declared, String value) {
        return valueProblem(declared.name(), declared.type(), value);
    }

    /** Parameters with some values replaced, as a rule test that states its assumptions runs them. */
    public static Map<String, Parameter> override(Map<String, Parameter> base, Map<String, String> values) {
        Map<String, Parameter> out = new LinkedHashMap<>(base);
        values.forEach((k, v) -> out.put(k, new Parameter(k, v, base.containsKey(k) ? base.get(k).type() : null)));
        return out;
    }

    static List<Parameter> asList(Map<String, Parameter> params) {
        return new ArrayList<>(params.values());
    }

    private static String problem(Line l) {
        if (!NAME.matcher(l.name()).matches()) {
            return EngineMessages.text("parameters.name", l.name());
        }
        if (!TYPES.contains(l.type())) {
            return EngineMessages.text("parameters.type", l.name(), l.type());
        }
        return valueProblem(l.name(), l.type(), l.value());
    }

    private static String valueProblem(String name, String type, String value) {
        String v = value.strip();
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "integer" -> INTEGER.matcher(v).matches() && fitsInt(v) ? null
                    : EngineMessages.text("parameters.integer", name, value);
            case "decimal" -> DECIMAL.matcher(v).matches() ? null : EngineMessages.text("parameters.decimal", name, value);
            case "codes" -> CODES.matcher(v).matches() ? null : EngineMessages.text("parameters.codes", name, value);
            default -> null;
        };
    }

    private static boolean fitsInt(String v) {
        try {
            Integer.parseInt(v.startsWith("+") ? v.substring(1) : v);
            return true;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }

    /** Each CSV record with its first and last line; a record without four cells is an error and a null line. */
    private static Records records(String text, List<RuleError> errors) {
        String body = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        List<Span> out = new ArrayList<>();
        int recordLine = 1;
        boolean first = true;
        boolean readable = true;
        try (CsvParser p = (CsvParser) CSV.getFactory().createParser(body)) {
            p.setSchema(SCHEMA);
            List<String> cells = new ArrayList<>();
            int lastLine = 1;
            JsonToken t;
            while (p.nextToken() == JsonToken.START_ARRAY) { // a record
                cells.clear();
                while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                    JsonLocation at = p.currentTokenLocation();
                    if (cells.isEmpty()) {
                        recordLine = at.getLineNr();
                    }
                    cells.add(p.getText());
                    lastLine = at.getLineNr() + (int) LINE_END.matcher(p.getText()).results().count();
                }
                if (cells.isEmpty() || cells.size() == 1 && cells.get(0).isBlank()) {
                    continue;
                }
                List<String> stripped = cells.stream().map(String::strip).toList();
                if (first && stripped.stream().map(String::toLowerCase).toList().equals(HEADER)) {
                    first = false;
                    continue;
                }
                first = false;
                if (stripped.size() != 4) {
                    errors.add(new RuleError(PATH, recordLine, EngineMessages.text("parameters.columns", stripped.size())));
                    out.add(new Span(null, lastLine));
                    continue;
                }
                out.add(new Span(new Line(recordLine, stripped.get(0), stripped.get(1), stripped.get(2), stripped.get(3)),
                        lastLine));
            }
        } catch (JsonProcessingException e) {
            readable = false;
            String message = e.getOriginalMessage();
            errors.add(message != null && message.startsWith("Missing closing quote")
                    ? new RuleError(PATH, recordLine, EngineMessages.text("parameters.unclosedQuote"))
                    : new RuleError(PATH, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                            EngineMessages.text("parameters.unreadable", message)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Records(out, readable);
    }

    /** One record as CSV, quoted where a cell needs it, without a line end. */
    private static String record(String... cells) {
        try {
            String row = CSV.writer(SCHEMA.withoutComments()).writeValueAsString(cells);
            return row.endsWith("\n") ? row.substring(0, row.length() - 1) : row;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of a text, each as {content, line end ("" for the last)}. */
    private static List<String[]> splitKeepingEnds(String text) {
        List<String[]> out = new ArrayList<>();
        Matcher m = LINE_END.matcher(text);
        int from = 0;
        while (m.find()) {
            out.add(new String[] {text.substring(from, m.start()), m.group()});
            from = m.end();
        }
        out.add(new String[] {text.substring(from), ""});
        return out;
    }
}
