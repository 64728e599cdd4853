package th.or.depa.smartcity.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import th.or.depa.smartcity.SmartCityApplication;

/**
 * The service as an operator runs it: its own JVM, config.yml, settings from the environment, stopped by SIGTERM.
 * What happens when the JVM ends (shutdown hooks, appenders flushed, the database closed) is only seen this way.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    public final int port;
    public final int adminPort;

    private ServiceProcess(Process process, int port, int adminPort) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the process ended
            }
        });
        reader.start();
    }

    /** Starts `server ../config.yml` with the test's rules and record key and these settings on top. */
    public static ServiceProcess server(Map<String, String> settings) throws IOException {
        int port = freePort();
        int adminPort = freePort();
        Map<String, String> env = new HashMap<>(Map.of("PORT", String.valueOf(port),
                "ADMIN_PORT", String.valueOf(adminPort), "RULES_DIR", "../rules", "RULES_WATCH", "false",
                "RULES_SPARE_WORKER", "false", "RECORD_KEY_FILE", "target/test-record.key"));
        env.putAll(settings);
        ProcessBuilder pb = command("server", "../config.yml");
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return new ServiceProcess(pb.start(), port, adminPort);
    }

    /** Runs a command of the service's CLI (add-user, ...) to its end; returns its last line of output. */
    public static String command(Map<String, String> settings, String... args) throws Exception {
        ProcessBuilder pb = command(args);
        pb.environment().putAll(settings);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", args) + " failed: " + out);
        }
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    private static ProcessBuilder command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SmartCityApplication.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Waits until a request to path on the application port answers 200 (120 s at most). */
    public void awaitOk(String path) throws Exception {
        await(port, path);
    }

    /** Waits until the admin port's health check reports every check healthy (the warm-up done). */
    public void awaitHealthy() throws Exception {
        await(adminPort, "/healthcheck");
    }

    private void await(int onPort, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("the service stopped at start, exit " + process.exitValue() + ": " + lines);
            }
            try {
                if (get(onPort, path, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250); // nothing to wait on but the port
        }
        fail("the service did not answer 200 on " + path + " within 120 s");
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        return get(port, path, token);
    }

    private HttpResponse<String> get(int onPort, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + onPort + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * SIGTERM, as an operator or a container runtime stops the service, then waits for the JVM to end and for its
     * last line to be read. Through the process handle: Process.destroy() also closes our end of the pipe at once, so
     * every line written after the signal (a request log line still queued in its async appender, the shutdown's own
     * lines) would meet a broken pipe and be lost.
     */
    public int stop() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        return process.exitValue();
    }

    /** Every line the service wrote to its standard output so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
