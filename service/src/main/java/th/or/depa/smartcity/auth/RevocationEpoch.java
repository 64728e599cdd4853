package th.or.depa.smartcity.auth;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.db.DataSourceFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revocation counter (auth_epoch, migration V14), read on a connection of its own, outside the request pool.
 * {@link #current} answers the counter as read by a query sent <em>after</em> the call began, so it reflects every
 * revocation committed before the request arrived, on any instance or process. Reads are coalesced: one query serves
 * every request waiting when it is sent, so under load a request costs a fraction of a round trip. When the
 * connection is lost the answer is "unknown" at once (callers look the token up) until a new connection has read it.
 */
public final class RevocationEpoch implements Managed {

    /** Opens the dedicated connection. */
    public interface Source {
        Connection open() throws SQLException;

        /** A connection of its own to the configured database (PostgreSQL names it in pg_stat_activity). */
        static Source of(DataSourceFactory db) {
            return () -> {
                Properties p = new Properties();
                p.putAll(db.getProperties());
                p.setProperty("user", db.getUser());
                p.setProperty("password", db.getPassword() == null ? "" : db.getPassword());
                p.setProperty("ApplicationName", APPLICATION_NAME);
                return DriverManager.getConnection(db.getUrl(), p);
            };
        }
    }

    /** How the dedicated connection is named on PostgreSQL (pg_stat_activity.application_name). */
    public static final String APPLICATION_NAME = "smartcity-revocation-epoch";

    private static final Logger LOG = LoggerFactory.getLogger(RevocationEpoch.class);
    private static final String READ = "SELECT n FROM auth_epoch WHERE id = 1";
    private static final long UNKNOWN = Long.MIN_VALUE;

    private final Source source;
    private final Duration timeout;
    private final Duration idleRead;
    private final LongConsumer changed;
    private final Object lock = new Object();
    private final AtomicLong reads = new AtomicLong();
    private volatile long last = UNKNOWN;
    private volatile long sessionId = UNKNOWN;
    // guarded by lock: the read that has not been sent yet, and whether the connection works
    private CompletableFuture<Long> next;
    private boolean up;
    private volatile boolean running;
    private boolean failing; // the reader thread's own: warn once per outage, not every second
    private Thread thread;

    /**
     * @param timeout the longest a request waits for a read (then it looks up), and each query's timeout
     * @param idleRead how often the counter is read with no request asking (keeps the connection known to work)
     * @param changed told the new value whenever a read finds the counter changed (or first read after a reconnect)
     */
    public RevocationEpoch(Source source, Duration timeout, Duration idleRead, LongConsumer changed) {
        this.source = source;
        this.timeout = timeout;
        this.idleRead = idleRead;
        this.changed = changed;
    }

    /** The counter as read after this call began; empty when it cannot be read now (look the token up instead). */
    public OptionalLong current() {
        CompletableFuture<Long> read;
        synchronized (lock) {
            if (!up) {
                return OptionalLong.empty();
            }
            if (next == null) {
                next = new CompletableFuture<>();
                lock.notifyAll();
            }
            read = next;
        }
        try {
            return OptionalLong.of(read.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (Exception e) {
            return OptionalLong.empty();
        }
    }

    /** The value of the latest completed read (read before any lookup that starts now); empty while unknown. */
    public OptionalLong lastRead() {
        long n = last;
        return n == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(n);
    }

    /** Queries sent so far (a request served from memory costs a share of one). */
    public long reads() {
        return reads.get();
    }

    /** The database session of the dedicated connection (PostgreSQL backend pid, H2 session id); -1 while down. */
    public long sessionId() {
        long id = sessionId;
        return id == UNKNOWN ? -1 : id;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "revocation-epoch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        thread.interrupt();
        thread.join(timeout.toMillis() + 1000);
    }

    private void run() {
        while (running) {
            try (Connection c = source.open(); PreparedStatement read = c.prepareStatement(READ)) {
                c.setAutoCommit(true);
                read.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                sessionId = session(c);
                long n = read(read);
                synchronized (lock) {
                    up = true;
                }
                failing = false;
                LOG.info("token cache: revocation counter read on its own connection (session {})", sessionId);
                serve(read, n);
            } catch (SQLException | RuntimeException e) {
                if (running && !failing) {
                    LOG.warn("token cache off until the revocation counter can be read again: {}", e.toString());
                }
                failing = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                down();
            }
            pause(Duration.ofSeconds(1));
        }
    }

    /** Answers reads until the connection fails: each waiting read gets one query sent after it was asked for. */
    private void serve(PreparedStatement read, long first) throws SQLException, InterruptedException {
        publish(first);
        while (running) {
            CompletableFuture<Long> answer;
            synchronized (lock) {
                if (next == null) {
                    lock.wait(idleRead.toMillis());
                }
                answer = next;
                next = null;
            }
            if (!running) {
                return;
            }
            long n = read(read);
            publish(n);
            if (answer != null) {
                answer.complete(n);
            }
        }
    }

    private long read(PreparedStatement read) throws SQLException {
        reads.incrementAndGet();
        try (ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("auth_epoch has no row");
            }
            return rs.getLong(1);
        }
    }

    private void publish(long n) {
        if (n != last) {
            changed.accept(n);
            last = n;
        }
    }

    private void down() {
        last = UNKNOWN;
        sessionId = UNKNOWN;
        synchronized (lock) {
            up = false;
            if (next != null) {
                next.completeExceptionally(new SQLException("revocation counter unreadable"));
                next = null;
            }
        }
        changed.accept(UNKNOWN);
    }

    private static long session(Connection c) throws SQLException {
        boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        try (PreparedStatement s = c.prepareStatement(postgres ? "SELECT pg_backend_pid()" : "SELECT SESSION_ID()");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
