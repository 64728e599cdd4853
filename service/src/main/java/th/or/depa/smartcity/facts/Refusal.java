package th.or.depa.smartcity.facts;

/**
 * A workflow rule's refusal: 403 (this role never may), 409 (not now) or 422 naming field (e.g. a required
 * comment). afterTransition: the plan still moves as the rules say, then the request is refused (a FORWARD
 * whose re-evaluation fails: the plan becomes NOT_ELIGIBLE and the forward is refused).
 */
public record Refusal(int code, String reasonEn, String reasonTh, String field, boolean afterTransition) {

    public static Refusal never(String en, String th) {
        return new Refusal(403, en, th, null, false);
    }

    public static Refusal notNow(String en, String th) {
        return new Refusal(409, en, th, null, false);
    }

    public static Refusal notNowAfterTransition(String en, String th) {
        return new Refusal(409, en, th, null, true);
    }

    public static Refusal invalid(String field, String en, String th) {
        return new Refusal(422, en, th, field, false);
    }
}
