package th.or.depa.smartcity.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;
import th.or.depa.smartcity.plan.ErrorWords;
import th.or.depa.smartcity.plan.FieldError;

/**
 * Jetty's own errors (an illegal or ambiguous URI, a header too large, a servlet's sendError) in api.md's error JSON
 * instead of Jetty's HTML page: on the server, which answers for both connectors before any context, and on the
 * application and admin contexts. A 5xx never carries Jetty's message, which may name internals.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPE = "application/json";

    /** Puts one handler on both contexts now and on the server as it starts (Dropwizard sets its own when building it). */
    public static void install(Environment env) {
        JsonErrorHandler handler = new JsonErrorHandler();
        env.getApplicationContext().setErrorHandler(handler);
        env.getAdminContext().setErrorHandler(handler);
        env.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(handler);
                }
            }
        });
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // a bad PUT or DELETE gets the same JSON as a bad GET
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = body(code, message);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A message that could not even be parsed into a request (a header too large, a bad request line). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, TYPE);
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int code, String message) {
        String text = code >= 500 || message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        try {
            // Jetty's words are its own (English): the reason wraps them with the status in both languages
            FieldError.Reason reason = ErrorWords.of("http.other", String.valueOf(code), text);
            return JSON.writeValueAsBytes(new ErrorBody(code, text, reason, List.of(), List.of()));
        } catch (JsonProcessingException e) {
            return ("{\"code\":" + code + "}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
