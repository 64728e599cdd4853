package th.or.depa.smartcity.auth;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.store.UserRow;

/** Creates users (add-user and POST /api/users) and revokes their tokens. */
public final class UserService {

    /** A new user and the token it gets, shown this once. */
    public record Created(UserRow user, String token) {
    }

    private final UserDao users;
    private final Clock clock;

    public UserService(Jdbi jdbi, Clock clock) {
        this.users = jdbi.onDemand(UserDao.class);
        this.clock = clock;
    }

    /** What is wrong with a new user's fields (field, problem); empty when it may be created. */
    public static java.util.Map<String, String> problems(String name, String role, String org, String body,
                                                         boolean chair) {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            p.put("name", "is required (at most 200 characters)");
        }
        if (role == null || java.util.Arrays.stream(Role.values()).noneMatch(r -> r.name().equals(role))) {
            p.put("role", "must be one of CITY, OFFICE, COMMITTEE, REVIEWER, ADMIN");
            return p;
        }
        if (role.equals("CITY") && (org == null || org.isBlank() || org.length() > 200)) {
            p.put("org", "a CITY user needs its organisation (at most 200 characters)");
        }
        if (role.equals("COMMITTEE") && !("SUBCOMMITTEE".equals(body) || "COMMITTEE".equals(body))) {
            p.put("body", "a COMMITTEE user needs a body: SUBCOMMITTEE or COMMITTEE");
        }
        if (!role.equals("COMMITTEE") && body != null) {
            p.put("body", "only a COMMITTEE user sits on a body");
        }
        if (!role.equals("COMMITTEE") && chair) {
            p.put("chair", "only a COMMITTEE user can chair a body");
        }
        return p;
    }

    /** A user as ADMIN sees it: active while it has a token that is not revoked. */
    public record Listed(UserRow user, boolean active) {
    }

    public java.util.List<Listed> list() {
        return users.list().stream().map(u -> new Listed(u, u.active() && users.hasLiveToken(u.id()))).toList();
    }

    /** Revokes every token of the user; empty when there is no such user. */
    public java.util.Optional<Integer> revokeTokens(String userId) {
        return users.find(userId).map(u -> users.revokeTokens(userId,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    public Created create(String name, Role role, String org, String body, boolean chair) {
        String token = Tokens.newToken();
        UserRow row = new UserRow(UUID.randomUUID().toString(), name, role.name(), org, body, chair,
                clock.instant().truncatedTo(ChronoUnit.MICROS), true);
        users.create(row, Tokens.hash(token));
        return new Created(row, token);
    }
}
