package th.or.depa.smartcity.auth;

/** The roles of api.md; the names are used in @RolesAllowed. */
public enum Role {
    CITY, OFFICE, COMMITTEE, REVIEWER, ADMIN;

    public static final String CITY_ = "CITY";
    public static final String OFFICE_ = "OFFICE";
    public static final String COMMITTEE_ = "COMMITTEE";
    public static final String REVIEWER_ = "REVIEWER";
    public static final String ADMIN_ = "ADMIN";
}
