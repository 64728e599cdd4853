package th.or.depa.smartcity.auth;

import java.io.Serial;

/** A token asked for a user that is deactivated: no token is issued (API 409). */
public class InactiveUser extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String userId;

    public InactiveUser(String userId) {
        super(th.or.depa.smartcity.plan.ErrorWords.en("user.inactive", userId));
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }
}
