package th.or.depa.smartcity.facts;

import java.util.List;

/**
 * A criterion in force, inserted by the definition rule at the top of its file. parameters names the
 * lines of rules/parameters.csv it reads, so that /api/criteria can show their values.
 */
public record Criterion(String id, String titleEn, String titleTh, boolean mandatory, List<String> parameters) {

    public static Criterion mandatory(String id, String titleEn, String titleTh, String... parameters) {
        return new Criterion(id, titleEn, titleTh, true, List.of(parameters));
    }

    public static Criterion advisory(String id, String titleEn, String titleTh, String... parameters) {
        return new Criterion(id, titleEn, titleTh, false, List.of(parameters));
    }
}
