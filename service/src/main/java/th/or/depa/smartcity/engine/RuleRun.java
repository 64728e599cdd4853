package th.or.depa.smartcity.engine;

import java.util.List;
import java.util.Set;

/** What one session of the rules produced: each inserted object with the rule that inserted it, and the rules that fired. */
public record RuleRun(List<Inserted> inserted, Set<String> fired) {

    /** An object a rule inserted; rule is "criteria/SC-03-smart-domains.drl: SC-03 ..." (file: rule name). */
    public record Inserted(Object fact, String rule) {
    }

    public <T> List<Inserted> of(Class<T> type) {
        return inserted.stream().filter(i -> type.isInstance(i.fact())).toList();
    }
}
