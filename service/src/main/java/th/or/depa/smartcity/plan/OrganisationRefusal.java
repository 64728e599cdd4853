package th.or.depa.smartcity.plan;

import java.io.Serial;

/**
 * A plan its submitter may not file: its city.province is not its organisation's, or the organisation was never
 * registered. 422 naming the field, with the reason in English and Thai; nothing is stored.
 */
public class OrganisationRefusal extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String th;

    OrganisationRefusal(String field, String en, String th) {
        super(en);
        this.field = field;
        this.th = th;
    }

    public String field() {
        return field;
    }

    public String en() {
        return getMessage();
    }

    public String th() {
        return th;
    }
}
