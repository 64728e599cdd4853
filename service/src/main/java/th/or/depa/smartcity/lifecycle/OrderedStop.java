package th.or.depa.smartcity.lifecycle;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the server first and end the JVM after it. The JVM's own handling runs every shutdown hook
 * at once: Jetty's stop beside H2's closer of its file database, which AUTO_SERVER does not let us turn off, so
 * requests still being answered and the background jobs (webhooks, the rules watcher, expiry) met a closed database.
 * Stopped this way, requests in flight finish, the managed parts stop in order and the pool closes before the
 * database does, on H2 and PostgreSQL alike. A second signal ends the JVM at once (a stop that hangs).
 * Only the real process installs it (main): the tests' in-process services leave the test JVM's signals alone.
 */
public final class OrderedStop {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedStop.class);
    private static final AtomicReference<Server> SERVER = new AtomicReference<>();
    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    private static volatile boolean installed;

    private OrderedStop() {
    }

    /** Takes SIGTERM and SIGINT over for this process; where the JVM does not let us, its own handling stays. */
    public static void onSignals() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), OrderedStop::received);
                installed = true;
            } catch (IllegalArgumentException taken) {
                // ignored at start (nohup) or reserved (-Xrs): the JVM's default stays
            }
        }
    }

    /** The server a signal stops (a server lifecycle listener); nothing when the signals were not taken over. */
    public static void serving(Server server) {
        if (installed) {
            SERVER.set(server);
        }
    }

    private static void received(Signal signal) {
        int status = 128 + signal.getNumber();
        if (!STOPPING.compareAndSet(false, true)) {
            Runtime.getRuntime().halt(status);
        }
        Thread stop = new Thread(() -> {
            try {
                Server server = SERVER.get();
                if (server != null) {
                    server.stop();
                }
            } catch (Exception e) {
                LOG.warn("the server did not stop cleanly: {}", e.toString());
            } finally {
                System.exit(status); // the remaining shutdown hooks: Jetty's own finds it stopped
            }
        }, "ordered-stop");
        // not a daemon (the signal thread is one, and its threads would be): once Jetty's threads have ended, a JVM
        // with only daemon threads left would exit 0 before this thread reached System.exit with the signal's status
        stop.setDaemon(false);
        stop.start();
    }
}
