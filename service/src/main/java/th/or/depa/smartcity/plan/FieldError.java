package th.or.depa.smartcity.plan;

/** One format problem of a submitted plan: the field path (dots and [i] indexes, "" for the body) and what is wrong. */
public record FieldError(String field, String message) {}
