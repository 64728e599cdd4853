package th.or.depa.smartcity.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import th.or.depa.smartcity.api.OpenApiDocument;

/**
 * Every exchange the API tests make, checked against the served OpenAPI document. A violation is an answer the
 * document does not describe (status, watched header, body), or a request the document calls invalid that the service
 * answered with 2xx; an invalid request answered 4xx is a negative test doing its job. Violations wait here until
 * {@link ConformanceExtension} fails the test they happened in.
 */
public final class ApiConformance {

    static final OpenApiChecker CHECKER = new OpenApiChecker(OpenApiDocument.load());
    private static final List<String> VIOLATIONS = new ArrayList<>();
    private static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicLong CHECKED = new java.util.concurrent.atomic.AtomicLong();

    private ApiConformance() {
    }

    /** The paths the document describes; /ui pages and anything else are not checked. */
    public static boolean described(String path) {
        return path.startsWith("/api/") || path.startsWith("/openapi.") || path.startsWith("/schemas/");
    }

    /** What is wrong with this exchange, or an empty list. */
    public static List<String> violations(Exchange e) {
        OpenApiChecker.Problems p = CHECKER.check(e);
        List<String> out = new ArrayList<>(p.answer());
        if (e.status() >= 200 && e.status() < 300) {
            p.request().forEach(r -> out.add("a request the document calls invalid was answered " + e.status() + ": " + r));
        }
        return out;
    }

    static void started() {
        IN_FLIGHT.incrementAndGet();
    }

    static void finished(Exchange e) {
        try {
            CHECKED.incrementAndGet();
            List<String> problems = violations(e);
            if (!problems.isEmpty()) {
                synchronized (VIOLATIONS) {
                    VIOLATIONS.add(e.method() + " " + e.path() + (e.query().isEmpty() ? "" : " " + e.query()) + " -> "
                            + e.status() + "\n    " + String.join("\n    ", problems));
                }
            }
        } catch (RuntimeException ex) {
            synchronized (VIOLATIONS) {
                VIOLATIONS.add(e.method() + " " + e.path() + ": the checker failed: " + ex);
            }
        } finally {
            IN_FLIGHT.decrementAndGet();
        }
    }

    /** How many exchanges the test apps have had checked so far (to show that the filter is in place). */
    static long checked() {
        drain();
        return CHECKED.get();
    }

    /** The violations recorded since the last call, once the requests still being answered are done (at most 2 s). */
    static List<String> drain() {
        long until = System.nanoTime() + 2_000_000_000L;
        while (IN_FLIGHT.get() > 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (VIOLATIONS) {
            List<String> out = List.copyOf(VIOLATIONS);
            VIOLATIONS.clear();
            return out;
        }
    }
}
