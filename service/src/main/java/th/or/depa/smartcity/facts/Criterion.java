package th.or.depa.smartcity.facts;

import java.util.List;

/**
 * A criterion in force, inserted by the definition rule at the top of its file; its title in each language is the
 * template {@code <id>.title} of rules/texts. parameters names the lines of rules/parameters.csv it reads, so that
 * /api/criteria can show their values.
 */
public record Criterion(String id, boolean mandatory, List<String> parameters) {

    public static Criterion mandatory(String id, String... parameters) {
        return new Criterion(id, true, List.of(parameters));
    }

    public static Criterion advisory(String id, String... parameters) {
        return new Criterion(id, false, List.of(parameters));
    }
}
