package th.or.depa.smartcity.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.plan.ErrorWords;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.plan.PlanFormatException;

/** Every refusal as JSON; a database outage as 503, never a 500. */
public final class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    private ErrorMappers() {
    }

    static Response json(int status, String message, List<FieldError> errors, ApiException.Bilingual reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, message, errors, reason)).build();
    }

    /** An answer whose message is reason's English. */
    static Response json(int status, FieldError.Reason reason, List<FieldError> errors) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(status, reason.en(), reason, errors, List.of())).build();
    }

    private static FieldError field(String field, String en, String th) {
        return new FieldError(field, en, new FieldError.Reason(en, th));
    }

    /** The PDF renderer was busy, too slow or failed: 503 so that the client tries again, never half a PDF. */
    public static final class PdfBusy implements ExceptionMapper<th.or.depa.smartcity.report.PdfUnavailable> {
        @Override
        public Response toResponse(th.or.depa.smartcity.report.PdfUnavailable e) {
            LOG.warn("pdf unavailable: {}", e.getMessage());
            return json(503, e.getMessage(), List.of(), null);
        }
    }

    public static final class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return json(e.status(), e.getMessage(), e.errors(), e.reason());
        }
    }

    public static final class PlanFormat implements ExceptionMapper<PlanFormatException> {
        @Override
        public Response toResponse(PlanFormatException e) {
            if (e.status() == 400) {
                return json(400, ErrorWords.en("body.notJson"), e.errors(), null);
            }
            if (e.errors().size() == 1) {
                FieldError f = e.errors().get(0);
                return json(e.status(), ErrorWords.en("compose.field", f.field(), f.message()), e.errors(), null);
            }
            return json(e.status(), ErrorWords.of("compose.problems", e.errors().size()), e.errors());
        }
    }

    public static final class KeyReused implements ExceptionMapper<th.or.depa.smartcity.plan.IdempotencyKeyReused> {
        @Override
        public Response toResponse(th.or.depa.smartcity.plan.IdempotencyKeyReused e) {
            return json(422, e.getMessage(), List.of(new FieldError("Idempotency-Key", e.getMessage())), null);
        }
    }

    public static final class NotFound implements ExceptionMapper<th.or.depa.smartcity.plan.PlanNotFound> {
        @Override
        public Response toResponse(th.or.depa.smartcity.plan.PlanNotFound e) {
            return json(404, e.getMessage(), List.of(), null);
        }
    }

    public static final class Conflict implements ExceptionMapper<th.or.depa.smartcity.plan.ConcurrentChange> {
        @Override
        public Response toResponse(th.or.depa.smartcity.plan.ConcurrentChange e) {
            return json(409, e.getMessage(), List.of(), null);
        }
    }

    /** A plan for another province than its organisation's, or by an unregistered organisation: 422 naming the field. */
    public static final class OrganisationRefusal
            implements ExceptionMapper<th.or.depa.smartcity.plan.OrganisationRefusal> {
        @Override
        public Response toResponse(th.or.depa.smartcity.plan.OrganisationRefusal e) {
            return json(422, e.field() + ": " + e.en(), List.of(field(e.field(), e.en(), e.th())),
                    new ApiException.Bilingual(e.en(), e.th()));
        }
    }

    /** An organisation not registered: 422 naming each field (or 409, id taken), the first one's reason in both languages. */
    public static final class OrganisationRefused
            implements ExceptionMapper<th.or.depa.smartcity.organisation.OrganisationRefused> {
        @Override
        public Response toResponse(th.or.depa.smartcity.organisation.OrganisationRefused e) {
            var first = e.problems().get(0);
            return json(e.status(), e.getMessage(),
                    e.problems().stream().map(p -> field(p.field(), p.en(), p.th())).toList(),
                    new ApiException.Bilingual(first.en(), first.th()));
        }
    }

    /** A CITY user for an organisation that is not registered: 422 naming org. */
    public static final class UnknownOrganisation
            implements ExceptionMapper<th.or.depa.smartcity.auth.UnknownOrganisation> {
        @Override
        public Response toResponse(th.or.depa.smartcity.auth.UnknownOrganisation e) {
            return json(422, "org: " + e.en(), List.of(field("org", e.en(), e.th())),
                    new ApiException.Bilingual(e.en(), e.th()));
        }
    }

    /** A refused rule set: errors name file, line and message rather than a field. */
    public static final class RuleSetRefused implements ExceptionMapper<th.or.depa.smartcity.ruleset.RuleSetRefused> {
        @Override
        public Response toResponse(th.or.depa.smartcity.ruleset.RuleSetRefused e) {
            return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(java.util.Map.of(
                    "code", 422, "message", e.getMessage(), "reason", ErrorWords.reason(e.getMessage()),
                    "errors", e.errors())).build();
        }
    }

    public static final class RuleSetConflict implements ExceptionMapper<th.or.depa.smartcity.ruleset.RuleSetConflict> {
        @Override
        public Response toResponse(th.or.depa.smartcity.ruleset.RuleSetConflict e) {
            return json(409, e.getMessage(), List.of(), new ApiException.Bilingual(e.en(), e.th()));
        }
    }

    /** A partial proposal that does not fit its base: 422 naming the field (base, delete[i], files). */
    public static final class PatchRefused implements ExceptionMapper<th.or.depa.smartcity.ruleset.PatchRefused> {
        @Override
        public Response toResponse(th.or.depa.smartcity.ruleset.PatchRefused e) {
            return json(422, e.getMessage(), e.errors(), null);
        }
    }

    public static final class RuleSetNotFound implements ExceptionMapper<th.or.depa.smartcity.ruleset.RuleSetNotFound> {
        @Override
        public Response toResponse(th.or.depa.smartcity.ruleset.RuleSetNotFound e) {
            return json(404, e.getMessage(), List.of(), null);
        }
    }

    public static final class Refused implements ExceptionMapper<th.or.depa.smartcity.workflow.WorkflowRefusal> {
        @Override
        public Response toResponse(th.or.depa.smartcity.workflow.WorkflowRefusal e) {
            var r = e.refusal();
            var reason = e.reason();
            List<FieldError> errors = r.field() == null ? List.of() : List.of(field(r.field(), reason.en(), reason.th()));
            return json(r.code(), reason.en(), errors, new ApiException.Bilingual(reason.en(), reason.th()));
        }
    }

    /**
     * The pool could not hand out a connection, or the database went away mid-request: 503, so that clients retry
     * and the service recovers by itself. Any other database fault stays a logged 500.
     */
    public static final class DatabaseDown implements ExceptionMapper<org.jdbi.v3.core.JdbiException> {
        @Override
        public Response toResponse(org.jdbi.v3.core.JdbiException e) {
            if (unavailable(e)) {
                LOG.warn("database unavailable: {}", e.getMessage());
                return json(503, ErrorWords.of("database.down"), List.of());
            }
            long id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
            LOG.error(String.format("database error %016x", id), e);
            return json(500, ErrorWords.of("server.fault", String.format("%016x", id)), List.of());
        }

        static boolean unavailable(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConnectionException || t instanceof java.sql.SQLTransientConnectionException
                        || t instanceof java.sql.SQLNonTransientConnectionException
                        || t.getClass().getName().endsWith("PoolExhaustedException")
                        || (t instanceof java.sql.SQLException s && s.getSQLState() != null
                        && (s.getSQLState().startsWith("08") || s.getSQLState().equals("57P01")))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Every rule run the service admits at once stayed busy: 503, so that the client tries again. */
    public static final class RulesBusy implements ExceptionMapper<th.or.depa.smartcity.engine.RuleRunsBusy> {
        @Override
        public Response toResponse(th.or.depa.smartcity.engine.RuleRunsBusy e) {
            LOG.warn("rule runs busy: {} at once", e.atOnce());
            return json(503, ErrorWords.of("rules.busy", e.atOnce()), List.of());
        }
    }

    /**
     * 401 saying why: no token (WWW-Authenticate: Bearer) or a token not accepted (Bearer error="invalid_token",
     * RFC 6750).
     */
    public static final class Unauthenticated implements ExceptionMapper<th.or.depa.smartcity.auth.Unauthenticated> {
        @Override
        public Response toResponse(th.or.depa.smartcity.auth.Unauthenticated e) {
            FieldError.Reason reason = ErrorWords.of(e.missing() ? "auth.missing" : "auth.notAccepted");
            String challenge = e.missing() ? "Bearer realm=\"smartcity\""
                    : "Bearer realm=\"smartcity\", error=\"invalid_token\"";
            return Response.fromResponse(json(401, reason, List.of()))
                    .header(jakarta.ws.rs.core.HttpHeaders.WWW_AUTHENTICATE, challenge).build();
        }
    }

    /**
     * 403 of @RolesAllowed (Jersey's RolesAllowedDynamicFeature says only "User not authorized"): names the roles the
     * method needs, as requiredRoles too, and the caller's role.
     */
    public static final class Forbidden implements ExceptionMapper<jakarta.ws.rs.ForbiddenException> {
        @jakarta.ws.rs.core.Context
        private jakarta.ws.rs.container.ResourceInfo resource;
        @jakarta.ws.rs.core.Context
        private jakarta.ws.rs.core.SecurityContext security;

        @Override
        public Response toResponse(jakarta.ws.rs.ForbiddenException e) {
            if (e.getResponse().hasEntity()) {
                return e.getResponse();
            }
            List<String> roles = requiredRoles(resource.getResourceMethod(), resource.getResourceClass());
            String role = security.getUserPrincipal() instanceof th.or.depa.smartcity.auth.User u && u.role() != null
                    ? u.role().name() : "-";
            FieldError.Reason reason = roles.isEmpty() ? ErrorWords.of("auth.forbiddenNone", role)
                    : ErrorWords.of(roles.size() == 1 ? "auth.forbidden" : "auth.forbiddenAny", String.join(", ", roles),
                    role);
            return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(403, reason.en(), reason, List.of(), roles)).build();
        }

        /** The method's @RolesAllowed, else its class's, in the order of Role. */
        static List<String> requiredRoles(java.lang.reflect.Method method, Class<?> type) {
            jakarta.annotation.security.RolesAllowed allowed = method == null ? null
                    : method.getAnnotation(jakarta.annotation.security.RolesAllowed.class);
            if (allowed == null && type != null) {
                allowed = type.getAnnotation(jakarta.annotation.security.RolesAllowed.class);
            }
            if (allowed == null) {
                return List.of();
            }
            List<String> named = List.of(allowed.value());
            return java.util.Arrays.stream(th.or.depa.smartcity.auth.Role.values()).map(Enum::name)
                    .filter(named::contains).toList();
        }
    }

    /**
     * Jersey's own refusals (no such route 404, method 405, Accept 406, Content-Type 415...) in the error JSON with
     * both languages. An answer that already has a body (a web page's own) or is not an error passes unchanged.
     */
    public static final class Http implements ExceptionMapper<jakarta.ws.rs.WebApplicationException> {
        @jakarta.ws.rs.core.Context
        private jakarta.ws.rs.core.UriInfo uri;
        @jakarta.ws.rs.core.Context
        private jakarta.ws.rs.core.Request request;

        @Override
        public Response toResponse(jakarta.ws.rs.WebApplicationException e) {
            Response r = e.getResponse();
            int status = r.getStatus();
            if (status < 400 || r.hasEntity()) {
                return r;
            }
            if (status >= 500) {
                LOG.error("framework error " + status, e);
            }
            FieldError.Reason reason = switch (status) {
                case 404 -> ErrorWords.of("http.404", uri.getPath().startsWith("/") ? uri.getPath() : "/" + uri.getPath());
                case 405 -> ErrorWords.of("http.405", request.getMethod(),
                        String.join(", ", new java.util.TreeSet<>(r.getAllowedMethods())));
                case 406 -> ErrorWords.of("http.406");
                case 415 -> ErrorWords.of("http.415");
                default -> ErrorWords.of("http.other", String.valueOf(status),
                        org.eclipse.jetty.http.HttpStatus.getMessage(status));
            };
            return Response.fromResponse(r).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBody(status, reason.en(), reason, List.of(), List.of())).build();
        }
    }
}
