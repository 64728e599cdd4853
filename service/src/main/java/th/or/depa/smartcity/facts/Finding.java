package th.or.depa.smartcity.facts;

import java.util.Map;

/**
 * What one criterion rule concluded about the plan, with the reason in English and Thai and the facts it
 * looked at. Exactly one per criterion and evaluation; the engine records which rule file inserted it.
 */
public record Finding(String criterion, Status status, String reasonEn, String reasonTh, Map<String, Object> facts) {

    public static Finding met(String criterion, String reasonEn, String reasonTh, Map<String, Object> facts) {
        return new Finding(criterion, Status.MET, reasonEn, reasonTh, facts);
    }

    public static Finding notMet(String criterion, String reasonEn, String reasonTh, Map<String, Object> facts) {
        return new Finding(criterion, Status.NOT_MET, reasonEn, reasonTh, facts);
    }

    public static Finding warning(String criterion, String reasonEn, String reasonTh, Map<String, Object> facts) {
        return new Finding(criterion, Status.WARNING, reasonEn, reasonTh, facts);
    }
}
