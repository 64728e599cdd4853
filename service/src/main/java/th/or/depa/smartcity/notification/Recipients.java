package th.or.depa.smartcity.notification;

import java.util.ArrayList;
import java.util.List;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;

/** How recipients and webhook owners are written: "org:&lt;organisation id&gt;" or "body:&lt;BODY&gt;". */
public final class Recipients {

    public static final List<String> BODIES = List.of("COMMITTEE", "SUBCOMMITTEE");

    private Recipients() {
    }

    public static String organisation(String id) {
        return "org:" + id;
    }

    public static String body(String body) {
        return "body:" + body;
    }

    /**
     * Whose notifications a user reads: a CITY its organisation's, a COMMITTEE member its body's, OFFICE and ADMIN
     * all (null), anyone else none.
     */
    public static List<String> readBy(User u) {
        List<String> out = new ArrayList<>();
        switch (u.role()) {
            case OFFICE, ADMIN -> {
                return null;
            }
            case CITY -> {
                if (u.organisation() != null) {
                    out.add(organisation(u.organisation()));
                }
            }
            case COMMITTEE -> {
                if (u.body() != null) {
                    out.add(body(u.body()));
                }
            }
            default -> {
            }
        }
        return out;
    }

    /** The owner a user's webhooks belong to, null for a role that has none of its own. */
    public static String ownerOf(User u) {
        if (u.role() == Role.CITY && u.organisation() != null) {
            return organisation(u.organisation());
        }
        if (u.role() == Role.COMMITTEE && u.body() != null) {
            return body(u.body());
        }
        return null;
    }
}
