package th.or.depa.smartcity.api;

import java.util.List;
import th.or.depa.smartcity.plan.FieldError;

/** A refusal the caller caused, answered as api.md's error JSON; never logged as a server fault. */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;
    private final Bilingual reason;

    public record Bilingual(String en, String th) {
    }

    public ApiException(int status, String message) {
        this(status, message, List.of(), null);
    }

    public ApiException(int status, String message, List<FieldError> errors, Bilingual reason) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.reason = reason;
    }

    public static ApiException field(int status, String field, String message) {
        return new ApiException(status, field + ": " + message, List.of(new FieldError(field, message)), null);
    }

    public static ApiException notFound() {
        return new ApiException(404, "no such plan");
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Bilingual reason() {
        return reason;
    }
}
