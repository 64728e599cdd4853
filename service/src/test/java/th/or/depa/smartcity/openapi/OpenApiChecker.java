package th.or.depa.smartcity.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import th.or.depa.smartcity.api.OpenApiDocument;

/**
 * Checks one exchange against the OpenAPI 3.1 document: the path and method, parameters, security and body of the
 * request; the status, the headers that matter (Location, Retry-After, WWW-Authenticate, Content-Disposition) and
 * the body of the answer, each body against its schema (networknt's validator, OpenAPI 3.1 dialect).
 * Written for our tests because Atlassian's validator 3.x, the one that reads OpenAPI 3.1, needs Java 21.
 */
public final class OpenApiChecker {

    /** Headers an answer may only carry when the document names them for that answer. */
    static final Set<String> WATCHED_HEADERS = Set.of("location", "retry-after", "www-authenticate", "content-disposition");
    private static final String DOC = "https://smartcity.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    /** Problems with the request (looked for only when the service accepted it) and with the answer (always a violation). */
    public record Problems(List<String> request, List<String> answer) {
    }

    private record Route(String template, Pattern pattern, JsonNode item) {
    }

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public OpenApiChecker(OpenApiDocument document) {
        this.doc = document.tree();
        String text = document.json();
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(DOC, text)));
        doc.path("paths").properties().forEach(e -> routes.add(new Route(e.getKey(),
                Pattern.compile(Pattern.quote(e.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q")), e.getValue())));
        // a literal segment wins over a template: /api/users/record before /api/users/{id}
        routes.sort(Comparator.comparingInt((Route r) -> r.template().split("\\{").length).thenComparing(Route::template));
    }

    public Problems check(Exchange e) {
        List<String> request = new ArrayList<>();
        List<String> answer = new ArrayList<>();
        Route route = routes.stream().filter(r -> r.pattern().matcher(e.path()).matches()).findFirst().orElse(null);
        JsonNode op = route == null ? null : route.item().get(e.method().toLowerCase(Locale.ROOT));
        if (route == null || op == null || !METHODS.contains(e.method().toLowerCase(Locale.ROOT))) {
            // a request outside the document: refusing it is right, and the refusal is still the error body
            request.add(route == null ? "no path of the document matches " + e.path()
                    : e.method() + " is not documented on " + route.template());
            if (e.status() < 400) {
                answer.add("answered " + e.status() + " to a request outside the document");
            } else if (e.responseBody() != null && e.responseBody().length > 0 && isJson(e.responseHeader("Content-Type"))) {
                answer.addAll(validateJson("error body", doc.at("/components/schemas/Error"), e.responseBody()));
            }
            return new Problems(request, answer);
        }
        if (e.status() >= 200 && e.status() < 300) { // a refused request is a negative test: no need to say why
            checkRequest(e, route, op, request);
        }
        checkAnswer(e, op, answer);
        return new Problems(request, answer);
    }

    private void checkRequest(Exchange e, Route route, JsonNode op, List<String> problems) {
        JsonNode security = op.has("security") ? op.get("security") : doc.path("security");
        String auth = e.requestHeader("Authorization");
        if (security.size() > 0 && !security.get(0).isEmpty() && (auth == null || !auth.startsWith("Bearer "))) {
            problems.add("no bearer token");
        }
        List<JsonNode> params = new ArrayList<>();
        route.item().path("parameters").forEach(p -> params.add(resolve(p)));
        op.path("parameters").forEach(p -> params.add(resolve(p)));
        for (JsonNode p : params) {
            String name = p.path("name").asText();
            String in = p.path("in").asText();
            String value = switch (in) {
                case "query" -> e.query().containsKey(name) ? e.query().get(name).get(0) : null;
                case "header" -> e.requestHeader(name);
                default -> null;
            };
            if (value == null) {
                if (p.path("required").asBoolean() && !in.equals("path")) {
                    problems.add(in + " parameter " + name + " is required");
                }
                continue;
            }
            for (String error : validate(p.path("schema"), scalar(value, p.path("schema")))) {
                problems.add(in + " parameter " + name + ": " + error);
            }
        }
        JsonNode body = resolve(op.path("requestBody"));
        if (body.isMissingNode()) {
            return;
        }
        byte[] bytes = e.requestBody();
        if (bytes == null || bytes.length == 0) {
            if (body.path("required").asBoolean()) {
                problems.add("the request body is required");
            }
            return;
        }
        String type = e.requestHeader("Content-Type");
        JsonNode media = media(body.path("content"), type);
        if (media == null) {
            problems.add("the request body's type " + type + " is not documented");
        } else if (isJson(type)) {
            problems.addAll(validateJson("request body", media.path("schema"), bytes));
        }
    }

    private void checkAnswer(Exchange e, JsonNode op, List<String> problems) {
        JsonNode responses = op.path("responses");
        String status = Integer.toString(e.status());
        JsonNode response = responses.has(status) ? responses.get(status)
                : responses.has(status.charAt(0) + "XX") ? responses.get(status.charAt(0) + "XX") : responses.get("default");
        if (response == null) {
            problems.add("status " + status + " is not documented for this operation");
            return;
        }
        response = resolve(response);
        JsonNode headers = response.path("headers");
        for (String watched : WATCHED_HEADERS) {
            String value = e.responseHeader(watched);
            JsonNode documented = header(headers, watched);
            if (value != null && documented == null) {
                problems.add("header " + watched + " is not documented for status " + status);
            } else if (documented != null && value != null) {
                for (String error : validate(documented.path("schema"), scalar(value, documented.path("schema")))) {
                    problems.add("header " + watched + ": " + error);
                }
            }
        }
        headers.properties().forEach(h -> {
            if (resolve(h.getValue()).path("required").asBoolean() && e.responseHeader(h.getKey()) == null) {
                problems.add("header " + h.getKey() + " is required for status " + status);
            }
        });
        byte[] body = e.responseBody();
        String type = e.responseHeader("Content-Type");
        JsonNode content = response.path("content");
        if (body == null) {
            return; // not seen (see Exchange)
        }
        if (body.length == 0) {
            if (!content.isMissingNode() && !content.isEmpty() && !e.method().equalsIgnoreCase("HEAD")) {
                problems.add("status " + status + " has a documented body but none was sent");
            }
            return;
        }
        if (content.isMissingNode() || content.isEmpty()) {
            problems.add("status " + status + " is documented without a body but one was sent (" + type + ")");
            return;
        }
        JsonNode media = media(content, type);
        if (media == null) {
            problems.add("type " + type + " is not documented for status " + status);
        } else if (isJson(type)) {
            problems.addAll(validateJson("body", media.path("schema"), body));
        }
    }

    private List<String> validateJson(String what, JsonNode schema, byte[] bytes) {
        JsonNode value;
        try {
            value = JSON.readTree(bytes);
        } catch (IOException ex) {
            return List.of(what + " is not JSON");
        }
        return validate(schema, value).stream().map(s -> what + ": " + s).toList();
    }

    private List<String> validate(JsonNode schema, JsonNode value) {
        if (schema.isMissingNode()) {
            return List.of();
        }
        Schema compiled = schemas.computeIfAbsent(schema.toString(), k -> compile(schema));
        List<Error> errors = compiled.validate(value);
        return errors.stream().limit(5).map(Error::toString).toList();
    }

    /** Inline schemas get their $refs made absolute so that they resolve in the registered document. */
    private Schema compile(JsonNode schema) {
        JsonNode copy = absolute(schema.deepCopy());
        return registry.getSchema(SchemaLocation.of("https://smartcity.invalid/inline/" + schemas.size()), copy);
    }

    private static JsonNode absolute(JsonNode node) {
        if (node instanceof ObjectNode o && o.path("$ref").asText("").startsWith("#/")) {
            o.put("$ref", DOC + o.get("$ref").asText());
        }
        node.forEach(OpenApiChecker::absolute);
        return node;
    }

    /** A parameter or header as JSON: a number or boolean when its schema says so and it reads as one. */
    private static JsonNode scalar(String value, JsonNode schema) {
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
        if (type.equals("integer") || type.equals("number") || type.equals("boolean")) {
            try {
                JsonNode n = JSON.readTree(value);
                if (n != null && (n.isNumber() || n.isBoolean())) {
                    return n;
                }
            } catch (IOException ignored) {
                // stays a string, which the schema refuses
            }
        }
        return JSON.getNodeFactory().textNode(value);
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 10 && n.has("$ref") && n.get("$ref").asText().startsWith("#/"); i++) {
            n = doc.at(n.get("$ref").asText().substring(1));
        }
        return n;
    }

    private JsonNode header(JsonNode headers, String lowerName) {
        for (Map.Entry<String, JsonNode> h : headers.properties()) {
            if (h.getKey().equalsIgnoreCase(lowerName)) {
                return resolve(h.getValue());
            }
        }
        return null;
    }

    /** The documented media type an actual Content-Type falls under (parameters ignored; a wildcard matches anything). */
    private static JsonNode media(JsonNode content, String type) {
        String bare = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, JsonNode> m : content.properties()) {
            String key = m.getKey().toLowerCase(Locale.ROOT);
            if (key.equals(bare) || key.equals("*/*") || (key.endsWith("/*") && bare.startsWith(key.substring(0, key.length() - 1)))) {
                return m.getValue();
            }
        }
        return null;
    }

    private static boolean isJson(String type) {
        String bare = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return bare.equals("application/json") || bare.endsWith("+json");
    }
}
