package th.or.depa.smartcity.api;

import ch.qos.logback.access.common.spi.IAccessEvent;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.json.AccessAttribute;
import io.dropwizard.logging.json.AccessJsonLayoutBaseFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.util.EnumSet;
import java.util.Set;

/**
 * The request log never holds a secret: whatever config.yml says, every request-log appender writes this format,
 * which has the path without its query string (a token sent as ?access_token= is refused, but would still be
 * logged by Dropwizard's default "%r") and no header at all (Authorization, Cookie, a Referer with a query). With
 * LOG_FORMAT=json (Dropwizard's access-json layout) the same fields, as JSON.
 */
public final class RequestLogFormat {

    /** The common log format, with the path (%U) in place of the request line (%r) and without user or headers. */
    public static final String FORMAT = "%h - - [%t{dd/MMM/yyyy:HH:mm:ss Z,UTC}] \"%m %U %H\" %s %b %D";

    /** The fields of a JSON request log line: those of FORMAT (requestUri is the path without its query). */
    static final EnumSet<AccessAttribute> JSON_FIELDS = EnumSet.of(AccessAttribute.TIMESTAMP,
            AccessAttribute.REMOTE_ADDRESS, AccessAttribute.METHOD, AccessAttribute.REQUEST_URI,
            AccessAttribute.PROTOCOL, AccessAttribute.STATUS_CODE, AccessAttribute.CONTENT_LENGTH,
            AccessAttribute.REQUEST_TIME);

    private RequestLogFormat() {
    }

    /**
     * Sets the format on every appender, and leaves out the requests whose header {@code header} the predicate
     * recognises (the service's own warm-up); a request log this cannot control stops the service from starting.
     */
    public static void enforce(ServerFactory server, String header, java.util.function.Predicate<String> ownRequest) {
        if (!(server instanceof AbstractServerFactory factory)) {
            throw new IllegalStateException("unknown server factory " + server.getClass().getName()
                    + ": its request log cannot be kept free of tokens");
        }
        if (!(factory.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory requestLog)) {
            throw new IllegalStateException("server.requestLog must be of type logback-access (the default): "
                    + "the service fixes its format so that no token is logged");
        }
        for (AppenderFactory<IAccessEvent> appender : requestLog.getAppenders()) {
            if (!(appender instanceof AbstractAppenderFactory<IAccessEvent> a)) {
                throw new IllegalStateException("request log appender " + appender.getClass().getName()
                        + " has no format the service can fix");
            }
            java.util.List<io.dropwizard.logging.common.filter.FilterFactory<IAccessEvent>> filters =
                    new java.util.ArrayList<>(a.getFilterFactories());
            filters.add(() -> new ch.qos.logback.core.filter.Filter<>() {
                @Override
                public ch.qos.logback.core.spi.FilterReply decide(IAccessEvent event) {
                    return ownRequest.test(event.getRequestHeader(header))
                            ? ch.qos.logback.core.spi.FilterReply.DENY : ch.qos.logback.core.spi.FilterReply.NEUTRAL;
                }
            });
            a.setFilterFactories(filters);
            if (a.getLayout() instanceof AccessJsonLayoutBaseFactory json) {
                // LOG_FORMAT=json: the same fields as the text format, never a header, the query or a body
                json.setIncludes(JSON_FIELDS);
                json.setRequestHeaders(Set.of());
                json.setResponseHeaders(Set.of());
                json.setRequestAttributes(Set.of());
            } else {
                a.setLayout(null); // any other layout could list headers or the query
                a.setLogFormat(FORMAT);
            }
        }
    }
}
