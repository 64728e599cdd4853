package th.or.depa.smartcity.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import th.or.depa.smartcity.plan.ErrorWords;
import th.or.depa.smartcity.plan.FieldError;

/**
 * The body of every error answer of /api/*: {"code", "message" (English), "reason": {en, th},
 * "errors": [{field, message, reason}] (when fields are named), "requiredRoles" (a 403 for a role the caller lacks)}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(int code, String message, FieldError.Reason reason, List<FieldError> errors,
                        List<String> requiredRoles) {

    /** An answer whose reason, when not given, is found from the message (or the first field's, when it names one). */
    public ErrorBody(int code, String message, List<FieldError> errors, ApiException.Bilingual reason) {
        this(code, message, reason == null ? reasonOf(message, errors) : new FieldError.Reason(reason.en(), reason.th()),
                errors, List.of());
    }

    static FieldError.Reason reasonOf(String message, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            if (message.equals(first.message())) {
                return first.reason();
            }
            if (message.equals(ErrorWords.en("compose.field", first.field(), first.message()))) {
                return ErrorWords.of("compose.field", first.field(), first.reason().en(), first.reason().th());
            }
        }
        return ErrorWords.reason(message);
    }
}
