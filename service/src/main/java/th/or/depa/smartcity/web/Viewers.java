package th.or.depa.smartcity.web;

import java.util.Optional;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.store.UserDao;
import th.or.depa.smartcity.store.UserRow;

/**
 * Who a session cookie belongs to, read again on every request by the hash of the token they signed in with, so a
 * revoked token or user is signed out at once. A city's pages show only its own organisation's plans
 * (PlanService filters by the caller).
 */
final class Viewers {

    private final Sessions sessions;
    private final UserDao users;

    Viewers(Sessions sessions, UserDao users) {
        this.sessions = sessions;
        this.users = users;
    }

    /** The signed-in viewer of this cookie; without one the session, if any, is closed. */
    Optional<Viewer> find(String session) {
        Optional<Sessions.Session> open = sessions.find(session);
        Optional<Viewer> viewer = open.flatMap(s -> users.findByTokenHash(s.tokenHash())
                .filter(u -> u.id().equals(s.userId())).map(Viewers::user))
                .map(u -> new Viewer(u, open.get().csrf()));
        if (viewer.isEmpty()) {
            sessions.close(session);
        }
        return viewer;
    }

    static User user(UserRow u) {
        return new User(u.id(), u.name(), Role.valueOf(u.role()), u.organisation(), u.body(), u.chair());
    }
}
