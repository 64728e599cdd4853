package th.or.depa.smartcity.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import th.or.depa.smartcity.history.RecordKey;
import th.or.depa.smartcity.history.UserLog;
import th.or.depa.smartcity.store.OrganisationDao;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.store.UserEventDao;
import th.or.depa.smartcity.store.UserRow;

/** Creates users (add-user and POST /api/users) and revokes their tokens, each with its event in the users' record. */
public final class UserService {

    /** A new user and the token it gets, shown this once. */
    public record Created(UserRow user, String token) {
    }

    private final Jdbi jdbi;
    private final UserDao users;
    private final UserLog log;
    private final Clock clock;

    public UserService(Jdbi jdbi, RecordKey key, Clock clock) {
        this.jdbi = jdbi;
        this.users = jdbi.onDemand(UserDao.class);
        this.log = new UserLog(key);
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

    /** Revokes every token of the user by an ADMIN (null: the command line); empty when there is no such user. */
    public java.util.Optional<Integer> revokeTokens(User admin, String userId) {
        return jdbi.inTransaction(h -> {
            UserDao dao = h.attach(UserDao.class);
            if (dao.find(userId).isEmpty()) {
                return java.util.Optional.<Integer>empty();
            }
            Instant now = now();
            java.util.List<String> live = h.attach(UserEventDao.class).tokens().stream()
                    .filter(t -> t.userId().equals(userId) && t.revokedAt() == null)
                    .map(t -> UserLog.tokenId(t.tokenHash())).toList();
            int revoked = dao.revokeTokens(userId, now);
            log.append(h, UserLog.REVOKED, admin, now, userId, Map.of("tokenIds", live));
            return java.util.Optional.of(revoked);
        });
    }

    /**
     * A new token for an existing, active user by an ADMIN, recorded in the users' record; the user's other tokens
     * stay as they are. Empty when there is no such user; {@link InactiveUser} when the user is deactivated.
     */
    public java.util.Optional<Created> issueToken(User admin, String userId) {
        return jdbi.inTransaction(h -> {
            UserDao dao = h.attach(UserDao.class);
            java.util.Optional<UserRow> user = dao.find(userId);
            if (user.isEmpty()) {
                return java.util.Optional.<Created>empty();
            }
            if (!user.get().active()) {
                throw new InactiveUser(userId);
            }
            String token = Tokens.newToken();
            String hash = Tokens.hash(token);
            Instant now = now();
            dao.insertToken(hash, userId, now);
            log.append(h, UserLog.TOKEN_ISSUED, admin, now, userId, Map.of("tokenId", UserLog.tokenId(hash)));
            return java.util.Optional.of(new Created(user.get(), token));
        });
    }

    public Created create(String name, Role role, String org, String body, boolean chair) {
        return create(null, name, role, org, body, chair);
    }

    /**
     * A new user and its first token, by an ADMIN (null: the command line), recorded in the users' record. A CITY
     * user's organisation must be registered first ({@link UnknownOrganisation} otherwise).
     */
    public Created create(User admin, String name, Role role, String org, String body, boolean chair) {
        String token = Tokens.newToken();
        UserRow row = new UserRow(UUID.randomUUID().toString(), name, role.name(), org, body, chair, now(), true);
        String hash = Tokens.hash(token);
        jdbi.useTransaction(h -> {
            if (role == Role.CITY && h.attach(OrganisationDao.class).find(org).isEmpty()) {
                throw new UnknownOrganisation(org);
            }
            UserDao dao = h.attach(UserDao.class);
            dao.insertUser(row);
            dao.insertToken(hash, row.id(), row.createdAt());
            log.append(h, UserLog.CREATED, admin, row.createdAt(), row.id(),
                    Map.of("user", UserLog.user(row), "tokenId", UserLog.tokenId(hash)));
        });
        return new Created(row, token);
    }

    /** The users' record and its verdict, read in one snapshot so a concurrent append is not tampering. */
    public UserLog.Listing record() {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h ->
                new UserLog.Listing(h.attach(UserEventDao.class).all(), log.check(h)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
