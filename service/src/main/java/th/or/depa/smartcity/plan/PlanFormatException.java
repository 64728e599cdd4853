package th.or.depa.smartcity.plan;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/** A plan refused as a format error (plan.md): 400 when the body is not JSON at all, 422 otherwise. */
public class PlanFormatException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    /** How many errors the exception message spells out; errors() always has all of them. */
    private static final int ERRORS_IN_MESSAGE = 3;

    private final int status;
    private final List<FieldError> errors;

    public PlanFormatException(int status, List<FieldError> errors) {
        super(summary(status, errors));
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** The body could not be read as JSON (400); the reason goes in one error with field "". */
    static PlanFormatException notJson(String reason) {
        return new PlanFormatException(400, List.of(new FieldError("", reason)));
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(int status, List<FieldError> errors) {
        String head = status == 400 ? "body is not JSON" : "plan has " + errors.size() + " format error(s)";
        String listed = errors.stream().limit(ERRORS_IN_MESSAGE)
                .map(e -> e.field().isEmpty() ? e.message() : e.field() + " " + e.message())
                .collect(Collectors.joining("; "));
        String more = errors.size() > ERRORS_IN_MESSAGE ? "; ..." : "";
        return listed.isEmpty() ? head : head + ": " + listed + more;
    }
}
