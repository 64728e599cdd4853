package th.or.depa.smartcity.facts;

import java.util.Map;

/**
 * A workflow rule's refusal: 403 (this role never may), 409 (not now) or 422 naming field (e.g. a required
 * comment). afterTransition: the plan still moves as the rules say, then the request is refused (a FORWARD
 * whose re-evaluation fails: the plan becomes NOT_ELIGIBLE and the forward is refused). The words are not the
 * rule's: the reason is the template {@code refusal.<key>} of rules/texts/workflow.*.properties, filled from facts.
 */
public record Refusal(int code, String key, Map<String, Object> facts, String field, boolean afterTransition) {

    public static Refusal never(String key) {
        return new Refusal(403, key, Map.of(), null, false);
    }

    public static Refusal notNow(String key) {
        return notNow(key, Map.of());
    }

    public static Refusal notNow(String key, Map<String, Object> facts) {
        return new Refusal(409, key, facts, null, false);
    }

    public static Refusal notNowAfterTransition(String key) {
        return new Refusal(409, key, Map.of(), null, true);
    }

    public static Refusal invalid(String key, String field) {
        return new Refusal(422, key, Map.of(), field, false);
    }
}
