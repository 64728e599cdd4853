package th.or.depa.smartcity.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
            String message = e.status() == 400 ? "the body is not JSON"
                    : e.errors().size() == 1 ? e.errors().get(0).field() + ": " + e.errors().get(0).message()
                    : e.errors().size() + " problems in the plan";
            return json(e.status(), message, e.errors(), null);
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
            return json(422, e.field() + ": " + e.en(), List.of(new FieldError(e.field(), e.en())),
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
                    e.problems().stream().map(p -> new FieldError(p.field(), p.en())).toList(),
                    new ApiException.Bilingual(first.en(), first.th()));
        }
    }

    /** A CITY user for an organisation that is not registered: 422 naming org. */
    public static final class UnknownOrganisation
            implements ExceptionMapper<th.or.depa.smartcity.auth.UnknownOrganisation> {
        @Override
        public Response toResponse(th.or.depa.smartcity.auth.UnknownOrganisation e) {
            return json(422, "org: " + e.en(), List.of(new FieldError("org", e.en())),
                    new ApiException.Bilingual(e.en(), e.th()));
        }
    }

    /** A refused rule set: errors name file, line and message rather than a field. */
    public static final class RuleSetRefused implements ExceptionMapper<th.or.depa.smartcity.ruleset.RuleSetRefused> {
        @Override
        public Response toResponse(th.or.depa.smartcity.ruleset.RuleSetRefused e) {
            return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(java.util.Map.of(
                    "code", 422, "message", e.getMessage(), "errors", e.errors())).build();
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
            List<FieldError> errors = r.field() == null ? List.of() : List.of(new FieldError(r.field(), reason.en()));
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
                return json(503, "the database is unavailable; try again shortly", List.of(), null);
            }
            long id = java.util.concurrent.ThreadLocalRandom.current().nextLong();
            LOG.error(String.format("database error %016x", id), e);
            return json(500, String.format("There was an error processing your request. It has been logged (ID %016x).",
                    id), List.of(), null);
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
}
