package th.or.depa.smartcity.organisation;

import java.io.Serial;
import java.util.List;

/** An organisation not registered: 422 with what is wrong with each field, or 409 when the id is taken. */
public class OrganisationRefused extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What is wrong with one field, in English and Thai. */
    public record Problem(String field, String en, String th) {
    }

    private final int status;
    private final List<Problem> problems;

    public OrganisationRefused(int status, List<Problem> problems) {
        super(problems.get(0).field() + ": " + problems.get(0).en());
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    public List<Problem> problems() {
        return problems;
    }
}
