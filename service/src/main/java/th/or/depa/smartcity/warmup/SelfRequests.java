package th.or.depa.smartcity.warmup;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The HTTP side of the warm-up: each example plan is also sent to the service's own {@code POST /api/evaluate} with a
 * bearer token that was never issued, so Jetty, Jersey, the auth filter and its token lookup and the JSON error
 * answer are compiled before traffic arrives (after the in-process runs they were the code still interpreted or in
 * C1 in the first seconds of load; bench/README.md). Every answer is a 401: nothing is judged for an outsider.
 * The requests carry a mark only this process knows, so the request log and the request metrics leave them out and
 * no client can hide its own requests behind the header.
 */
public final class SelfRequests implements Warmup.Run {

    public static final String HEADER = "X-Smartcity-Warmup";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String mark = random(16, true);
    private final String token = random(32, false);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicLong answered = new AtomicLong();
    private volatile URI target;

    /**
     * Points the warm-up at the server's first plain HTTP connector (its application port); none: no requests. The
     * requests end as soon as the server begins to stop: Jetty's graceful stop waits for requests in flight, and a
     * warm-up still sending them would hold a shutdown for its whole stop timeout.
     */
    public void serving(Server server) {
        server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(org.eclipse.jetty.util.component.LifeCycle event) {
                target = null;
            }
        });
        for (Connector c : server.getConnectors()) {
            if (c instanceof ServerConnector sc && sc.getProtocols().stream().noneMatch(p -> p.startsWith("ssl"))) {
                String host = sc.getHost() == null || sc.getHost().isBlank() || sc.getHost().equals("0.0.0.0")
                        ? "127.0.0.1" : sc.getHost();
                target = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                        + sc.getLocalPort() + "/api/evaluate");
                return;
            }
        }
    }

    /** Whether a request's mark header is this process's own (compared in constant time). */
    public boolean marks(String header) {
        return header != null && MessageDigest.isEqual(mark.getBytes(StandardCharsets.US_ASCII),
                header.getBytes(StandardCharsets.US_ASCII));
    }

    /** The mark this process sends (its tests build a marked request with it). */
    String mark() {
        return mark;
    }

    /** Self-requests answered 401 so far. */
    public long answered() {
        return answered.get();
    }

    @Override
    public void run(byte[] plan) {
        URI to = target;
        if (to == null) {
            return; // the server is not listening yet, or has no plain HTTP connector
        }
        HttpRequest request = HttpRequest.newBuilder(to).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + token).header(HEADER, mark)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(plan)).build();
        try {
            if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 401) {
                answered.incrementAndGet();
            }
        } catch (java.io.IOException unreachable) {
            target = null; // the port is not reachable from here (a proxy-only bind): the in-process runs go on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String random(int bytes, boolean hex) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return hex ? HexFormat.of().formatHex(b) : Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
