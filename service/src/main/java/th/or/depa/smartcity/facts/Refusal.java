package th.or.depa.smartcity.facts;

/** A workflow rule's refusal: 403 (this role never may), 409 (not now) or 422 (e.g. comment required). */
public record Refusal(int code, String reasonEn, String reasonTh, String field) {

    public static Refusal never(String en, String th) {
        return new Refusal(403, en, th, null);
    }

    public static Refusal notNow(String en, String th) {
        return new Refusal(409, en, th, null);
    }

    public static Refusal missing(String field, String en, String th) {
        return new Refusal(422, en, th, field);
    }
}
