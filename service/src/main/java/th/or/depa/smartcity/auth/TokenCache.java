package th.or.depa.smartcity.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Users found by their token's hash, kept in memory (at most maxEntries, Caffeine) with the revocation counter read
 * before their lookup. One is answered from memory only when the counter, read after the request arrived
 * ({@link RevocationEpoch#current}), still has that value: nothing that takes access away has committed since the
 * lookup, on any instance. Otherwise, or when the counter cannot be read, the token is looked up. Unknown tokens are
 * never kept, so a new token works at once.
 */
public final class TokenCache {

    private record Entry(User user, long epoch) {
    }

    /** With no request asking, the counter is still read this often: a lost connection is found before it is needed. */
    private static final Duration IDLE_READ = Duration.ofSeconds(10);

    private final RevocationEpoch epoch;
    private final Cache<String, Entry> entries;
    private final LongAdder hits = new LongAdder();
    private final LongAdder lookups = new LongAdder();

    /**
     * @param source the counter's own connection (not from the request pool)
     * @param timeout the longest a request waits for the counter before it looks its token up
     */
    public TokenCache(RevocationEpoch.Source source, long maxEntries, Duration timeout) {
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).build();
        // a changed counter makes every entry unusable (their tag is older): drop them rather than wait for eviction
        this.epoch = new RevocationEpoch(source, timeout, IDLE_READ, n -> entries.invalidateAll());
    }

    /**
     * A cache over a connection of its own to db, its counter read started and stopped with the service, its counts as
     * the admin gauges auth.tokenCache.* (docs/operations.md). A request waits at most 1 s for the counter.
     */
    public static TokenCache started(Environment env, DataSourceFactory db, long maxEntries) {
        TokenCache cache = new TokenCache(RevocationEpoch.Source.of(db), maxEntries, Duration.ofSeconds(1));
        env.lifecycle().manage(cache.epoch());
        env.metrics().registerGauge("auth.tokenCache.hits", cache::hits);
        env.metrics().registerGauge("auth.tokenCache.lookups", cache::lookups);
        env.metrics().registerGauge("auth.tokenCache.epochReads", cache.epoch()::reads);
        env.metrics().registerGauge("auth.tokenCache.epochSession", cache.epoch()::sessionId);
        return cache;
    }

    /** The counter's reader: started and stopped with the service. */
    public RevocationEpoch epoch() {
        return epoch;
    }

    /** The user of this token hash: from memory when still valid, else from lookup (and kept when found). */
    public Optional<User> find(String hash, Function<String, Optional<User>> lookup) {
        Entry kept = entries.getIfPresent(hash);
        if (kept != null) {
            OptionalLong now = epoch.current();
            if (now.isPresent() && now.getAsLong() == kept.epoch()) {
                hits.increment();
                return Optional.of(kept.user());
            }
        }
        // the counter as read before the lookup starts: an entry tagged with it is valid while the counter is unchanged
        OptionalLong before = epoch.lastRead();
        lookups.increment();
        Optional<User> user = lookup.apply(hash);
        if (user.isPresent() && before.isPresent()) {
            entries.put(hash, new Entry(user.get(), before.getAsLong()));
        } else if (kept != null) {
            entries.invalidate(hash);
        }
        return user;
    }

    /** Requests answered from memory. */
    public long hits() {
        return hits.sum();
    }

    /** Tokens looked up in the database. */
    public long lookups() {
        return lookups.sum();
    }

    public long size() {
        return entries.estimatedSize();
    }
}
