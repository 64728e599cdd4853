package th.or.depa.smartcity.auth;

import java.security.Principal;

/** The caller, as its token says. organisation binds a CITY; body and chair place a COMMITTEE member. */
public record User(String id, String name, Role role, String organisation, String body, boolean chair)
        implements Principal {

    @Override
    public String getName() {
        return name;
    }

    /** The service itself, as the actor of the events it writes on its own (a certificate's expiry). */
    public static final User SYSTEM = new User(null, "system", null, null, null, false);

    /** A CITY sees only its own organisation's plans; every other role sees all. */
    public boolean maySee(String planOrganisation) {
        return role != Role.CITY || (organisation != null && organisation.equals(planOrganisation));
    }
}
