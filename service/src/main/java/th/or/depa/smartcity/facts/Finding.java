package th.or.depa.smartcity.facts;

import java.util.Map;

/**
 * What one criterion rule concluded about the plan: the status, which of its reasons applies (variant, null for the
 * plain one) and the facts it looked at. The words are not the rule's: the reason is the template
 * {@code <criterion>.<STATUS>[.<variant>]} of rules/texts, filled from these facts. Exactly one per criterion and
 * evaluation; the engine records which rule file inserted it.
 */
public record Finding(String criterion, Status status, String variant, Map<String, Object> facts) {

    public static Finding met(String criterion, Map<String, Object> facts) {
        return new Finding(criterion, Status.MET, null, facts);
    }

    public static Finding met(String criterion, String variant, Map<String, Object> facts) {
        return new Finding(criterion, Status.MET, variant, facts);
    }

    public static Finding notMet(String criterion, Map<String, Object> facts) {
        return new Finding(criterion, Status.NOT_MET, null, facts);
    }

    public static Finding notMet(String criterion, String variant, Map<String, Object> facts) {
        return new Finding(criterion, Status.NOT_MET, variant, facts);
    }

    public static Finding warning(String criterion, Map<String, Object> facts) {
        return new Finding(criterion, Status.WARNING, null, facts);
    }

    public static Finding warning(String criterion, String variant, Map<String, Object> facts) {
        return new Finding(criterion, Status.WARNING, variant, facts);
    }
}
