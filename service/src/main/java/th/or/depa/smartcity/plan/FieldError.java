package th.or.depa.smartcity.plan;

/**
 * One problem of a request, named by its field (the field path with dots and [i] indexes, "" for the whole body):
 * message in English, reason in English and Thai. A reason left out is found from the English (ErrorWords).
 */
public record FieldError(String field, String message, Reason reason) {

    /** Both languages of a message, as workflow refusals give them. */
    public record Reason(String en, String th) {
    }

    public FieldError(String field, String message) {
        this(field, message, ErrorWords.reason(message));
    }
}
