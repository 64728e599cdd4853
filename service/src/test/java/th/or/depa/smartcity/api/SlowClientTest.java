package th.or.depa.smartcity.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

/**
 * Slow or stalled clients cannot hold a request thread: Jetty's idleTimeout (config.yml: 30 s; 2 s here) ends a
 * request whose client stops sending, whether in the headers or in the body.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SlowClientTest {

    static final long IDLE_SECONDS = 2;
    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshH2(),
            ConfigOverride.config("server.applicationConnectors[0].idleTimeout", IDLE_SECONDS + " seconds"));

    final Api api = new Api(APP);

    @Test
    void aClientThatStallsInTheBodyIsCutOffAfterTheIdleTimeout() throws Exception {
        String token = api.city("slow-body");
        byte[] plan = Api.example("phuket-livable-pass").getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/plans HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + plan.length + "\r\n\r\n";
        assertCutOff(head.getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(plan, plan.length / 2));
    }

    @Test
    void aClientThatStallsInTheHeadersIsCutOffAfterTheIdleTimeout() throws Exception {
        assertCutOff("POST /api/plans HTTP/1.1\r\nHost: localhost\r\nAuthor".getBytes(StandardCharsets.US_ASCII),
                new byte[0]);
    }

    /** Sends the bytes, then nothing: the server must answer or close within the idle timeout and a margin. */
    static void assertCutOff(byte[] first, byte[] second) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
            long limit = TimeUnit.SECONDS.toMillis(IDLE_SECONDS + 5);
            socket.setSoTimeout((int) limit);
            OutputStream out = socket.getOutputStream();
            out.write(first);
            out.write(second);
            out.flush();
            long start = System.nanoTime();
            String answer = readUntilClosed(socket.getInputStream());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= TimeUnit.SECONDS.toMillis(IDLE_SECONDS) - 500,
                    "answered before the client was idle for long: " + answer);
            assertTrue(millis < limit, "held for " + millis + " ms");
            assertTrue(answer.isEmpty() || answer.matches("(?s)HTTP/1\\.1 (400|408)\\b.*"), answer);
        }
    }

    /** Everything the server sends until it closes the connection; fails if it neither answers nor closes. */
    static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException held) {
            throw new AssertionError("the server held the stalled request open: " + got.toString(StandardCharsets.UTF_8));
        } catch (java.net.SocketException reset) {
            // closed by the server with a reset: cut off all the same
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
