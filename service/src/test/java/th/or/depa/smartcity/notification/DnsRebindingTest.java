package th.or.depa.smartcity.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DNS rebinding against the webhook sender: a name that answers a public address when the guard checks it and
 * 127.0.0.1 when the client connects. The client's connection resolves through the guard, so the second answer is
 * checked too and nothing reaches the address inside. The receiver stands for what lives on the loopback.
 */
class DnsRebindingTest {

    private static final String NAME = "rebind.smartcity.test";

    /** The second answer: loopback, cloud metadata, a private network, IPv6 loopback, loopback mapped into IPv6. */
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "169.254.169.254", "10.0.0.1", "::1", "::ffff:127.0.0.1"})
    void aNameThatTurnsPrivateAfterTheCheckReachesNothing(String inner) throws Exception {
        try (Receiver inside = new Receiver()) {
            int port = URI.create(inside.url()).getPort();
            AtomicInteger lookups = new AtomicInteger();
            UrlGuard guard = new UrlGuard(false, host -> new InetAddress[] {lookups.getAndIncrement() == 0
                    ? InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14})
                    : InetAddress.getByAddress(host, InetAddress.getByName(inner).getAddress())});
            String url = "http://" + NAME + ":" + port + "/hook";
            guard.check(url); // the first answer, public: the check passes
            try (CloseableHttpClient client = Dispatcher.client(guard, Duration.ofSeconds(2), 1)) {
                // refused by the guard before any connection, not a connection that failed
                assertThrows(UrlGuard.NotPublic.class, () -> send(client, url));
            }
            assertEquals(0, inside.hits.size(), "a request reached the loopback");
            assertEquals(2, lookups.get(), "the connection resolved the name through the guard");
        }
    }

    @Test
    void theClientConnectsToTheAddressTheGuardResolved() throws Exception {
        // the same name, private addresses allowed (tests, closed networks): the request arrives, so the client used
        // the guard's lookup (the system's resolver does not know the name)
        try (Receiver receiver = new Receiver()) {
            int port = URI.create(receiver.url()).getPort();
            UrlGuard guard = new UrlGuard(true, host -> new InetAddress[] {
                    InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});
            try (CloseableHttpClient client = Dispatcher.client(guard, Duration.ofSeconds(2), 1)) {
                assertEquals(200, send(client, "http://" + NAME + ":" + port + "/hook"));
            }
            assertEquals(1, receiver.hits.size());
        }
    }

    private static int send(CloseableHttpClient client, String url) throws Exception {
        HttpPost post = new HttpPost(url);
        post.setHeader("Webhook-Id", "n1");
        post.setHeader("Webhook-Timestamp", "0");
        post.setHeader("Webhook-Signature", "x");
        try (ClassicHttpResponse r = client.executeOpen(null, post, null)) {
            return r.getCode();
        }
    }
}
