package th.or.depa.smartcity.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Times every request that reached a resource method, by HTTP method, the method's path template (/api/plans/{id},
 * never the path itself: the label values stay few) and status class (2xx, 4xx...). Requests matching no method
 * (404 on an unknown path) are not timed: their paths are whatever a client sends.
 */
public final class RequestTimer implements ApplicationEventListener {

    private final Histogram requests;

    private final String skipHeader;
    private final java.util.function.Predicate<String> skip;

    /** Times every request but those whose header skipHeader the predicate recognises (the service's own warm-up). */
    public RequestTimer(PrometheusRegistry registry, String skipHeader, java.util.function.Predicate<String> skip) {
        this.skipHeader = skipHeader;
        this.skip = skip;
        requests = Histogram.builder().name("smartcity_http_request_seconds")
                .help("Requests to the service's resources: time to answer, by method, path template and status class")
                .labelNames("method", "path", "status")
                .classicOnly().classicUpperBounds(.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10)
                .register(registry);
    }

    @Override
    public void onEvent(ApplicationEvent event) {
    }

    @Override
    public RequestEventListener onRequest(RequestEvent start) {
        long startedAt = System.nanoTime();
        if (skip.test(start.getContainerRequest().getHeaderString(skipHeader))) {
            return null;
        }
        return event -> {
            if (event.getType() != RequestEvent.Type.FINISHED) {
                return;
            }
            ResourceMethod method = event.getUriInfo().getMatchedResourceMethod();
            if (method == null) {
                return;
            }
            int status = event.getContainerResponse() == null ? 500 : event.getContainerResponse().getStatus();
            requests.labelValues(method.getHttpMethod(), template(method), status / 100 + "xx")
                    .observe((System.nanoTime() - startedAt) / 1e9);
        };
    }

    /** The method's path: its resource's and every enclosing resource's paths, joined with single slashes. */
    static String template(ResourceMethod method) {
        Deque<String> parts = new ArrayDeque<>();
        for (Resource r = method.getParent(); r != null; r = r.getParent()) {
            if (r.getPath() != null) {
                parts.addFirst(r.getPath());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String p : parts) {
            for (String segment : p.split("/")) {
                if (!segment.isEmpty()) {
                    path.append('/').append(segment);
                }
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }
}
