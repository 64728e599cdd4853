package th.or.depa.smartcity.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web view's sign-in sessions, in memory: a random id (the cookie) to the user and the hash of the token
 * they signed in with, for eight hours. The token itself is never kept; a restart signs everyone out. A user has at
 * most {@link #MAX_PER_USER} sessions: signing in again ends the oldest, so a stolen cookie does not live on for
 * long beside the user's own. Each session has its own random token that its forms carry (CSRF).
 */
public final class Sessions {

    public static final Duration TTL = Duration.ofHours(8);
    public static final int MAX_PER_USER = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who signed in, with which token (its hash, looked up again on every request), the forms' token, until when. */
    public record Session(String userId, String tokenHash, String csrf, long serial, Instant expires) {
    }

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Clock clock;
    private long serial;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    /** 256 random bits, URL-safe: a session id or a form token. */
    public static String randomId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a form's token is the expected one, in time that does not depend on where they differ. */
    public static boolean sameToken(String expected, String given) {
        return expected != null && given != null && !expected.isEmpty()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** A new session; the user's oldest ones end so that at most MAX_PER_USER remain. */
    public synchronized String open(String userId, String tokenHash) {
        Instant now = clock.instant();
        byId.values().removeIf(s -> !s.expires().isAfter(now));
        List<Map.Entry<String, Session>> mine = byId.entrySet().stream()
                .filter(e -> e.getValue().userId().equals(userId))
                .sorted(Comparator.comparingLong(e -> e.getValue().serial())).toList();
        for (int i = 0; i <= mine.size() - MAX_PER_USER; i++) {
            byId.remove(mine.get(i).getKey());
        }
        String id = randomId();
        byId.put(id, new Session(userId, tokenHash, randomId(), ++serial, now.plus(TTL)));
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
