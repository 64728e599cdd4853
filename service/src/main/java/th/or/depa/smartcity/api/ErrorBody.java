package th.or.depa.smartcity.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import th.or.depa.smartcity.plan.FieldError;

/** api.md, Errors: {"code", "message", "errors": [{field, message}], "reason": {en, th}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(int code, String message, List<FieldError> errors, ApiException.Bilingual reason) {
}
