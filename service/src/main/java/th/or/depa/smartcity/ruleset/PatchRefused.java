package th.or.depa.smartcity.ruleset;

import java.util.List;
import th.or.depa.smartcity.plan.FieldError;

/** A partial proposal that does not fit its base (unknown base, a deletion it cannot make): 422 naming the field. */
public class PatchRefused extends RuntimeException {

    private final List<FieldError> errors;

    PatchRefused(List<FieldError> errors) {
        super(errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
