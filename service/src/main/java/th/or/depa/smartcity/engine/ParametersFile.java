package th.or.depa.smartcity.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import th.or.depa.smartcity.facts.Parameter;

/**
 * Reads rules/parameters.csv: one threshold per line, {@code name,value[,description]}; '#' starts a comment.
 * The only file where a threshold's value is written.
 */
public final class ParametersFile {

    public static final String PATH = "parameters.csv";

    private ParametersFile() {
    }

    public static Map<String, Parameter> parse(String text, List<RuleError> errors) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String name = cells[0].strip();
            if (cells.length < 2 || !name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                errors.add(new RuleError(PATH, i + 1, "expected name,value[,description] but found: " + line));
                continue;
            }
            if (params.containsKey(name)) {
                errors.add(new RuleError(PATH, i + 1, "parameter " + name + " is set twice"));
                continue;
            }
            params.put(name, new Parameter(name, cells[1].strip()));
        }
        return params;
    }

    /** Parameters with some values replaced, as a rule test that states its assumptions runs them. */
    public static Map<String, Parameter> override(Map<String, Parameter> base, Map<String, String> values) {
        Map<String, Parameter> out = new LinkedHashMap<>(base);
        values.forEach((k, v) -> out.put(k, new Parameter(k, v)));
        return out;
    }

    static List<Parameter> asList(Map<String, Parameter> params) {
        return new ArrayList<>(params.values());
    }
}
