package th.or.depa.smartcity.auth;

import java.io.Serial;

/**
 * A request to a protected endpoint without a usable token: missing (no Authorization header, or not a Bearer one)
 * or not accepted (unknown, revoked or malformed). The API answers 401 saying which (api/ErrorMappers).
 */
public class Unauthenticated extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean missing;

    public Unauthenticated(boolean missing) {
        super(missing ? "no token" : "token not accepted", null, false, false); // a refusal: no stack trace
        this.missing = missing;
    }

    /** True when no Bearer token was sent at all; false when one was sent and refused. */
    public boolean missing() {
        return missing;
    }
}
