package th.or.depa.smartcity.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 for tests: records every request it is sent and answers 503 to the first
 * failFirst ones (then 200), after sleeping delayMillis.
 */
final class Receiver implements AutoCloseable {

    /** One request as received, with the status it was answered. */
    record Hit(String id, String timestamp, String signature, String body, int answered) {

        boolean verifies(String secret) {
            return Signature.sign(secret, id, Long.parseLong(timestamp), body).equals(signature);
        }
    }

    private final HttpServer server;
    final List<Hit> hits = new CopyOnWriteArrayList<>();
    volatile int failFirst;
    volatile long delayMillis;
    private final AtomicInteger seen = new AtomicInteger();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                int status = seen.incrementAndGet() <= failFirst ? 503 : 200;
                hits.add(new Hit(ex.getRequestHeaders().getFirst("Webhook-Id"),
                        ex.getRequestHeaders().getFirst("Webhook-Timestamp"),
                        ex.getRequestHeaders().getFirst("Webhook-Signature"), body, status));
                ex.sendResponseHeaders(status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The ids answered 200. */
    List<String> delivered() {
        return hits.stream().filter(h -> h.answered() == 200).map(Hit::id).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
