package th.or.depa.smartcity.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web view's sign-in sessions, in memory: a random id (the cookie) to the user and the hash of the token
 * they signed in with, for eight hours. The token itself is never kept; a restart signs everyone out.
 */
public final class Sessions {

    public static final Duration TTL = Duration.ofHours(8);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who signed in, with which token (its hash, looked up again on every request), until when. */
    public record Session(String userId, String tokenHash, Instant expires) {
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session; its id is 256 random bits, URL-safe. */
    public String open(String userId, String tokenHash) {
        Instant now = clock.instant();
        byId.values().removeIf(s -> !s.expires().isAfter(now));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byId.put(id, new Session(userId, tokenHash, now.plus(TTL)));
        return id;
    }

    /** The live session of this id; an expired one is forgotten. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        Session s = byId.get(id);
        if (s == null) {
            return Optional.empty();
        }
        if (!s.expires().isAfter(clock.instant())) {
            byId.remove(id, s);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    int size() {
        return byId.size();
    }
}
