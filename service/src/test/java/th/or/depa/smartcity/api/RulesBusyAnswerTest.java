package th.or.depa.smartcity.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.engine.RuleRunsBusy;

/** Rule runs all busy for longer than a run may take: 503 in both languages, so that the client tries again. */
class RulesBusyAnswerTest {

    @Test
    void busyRuleRunsAnswer503SayingHowManyRunAtOnceInEnglishAndThai() {
        Response r = new ErrorMappers.RulesBusy().toResponse(new RuleRunsBusy(4));
        assertEquals(503, r.getStatus());
        ErrorBody body = (ErrorBody) r.getEntity();
        assertEquals(503, body.code());
        assertTrue(body.message().contains("(4)") && body.message().contains("try again"), body.message());
        assertTrue(body.reason().th().contains("(4 แผน)"), body.reason().th());
    }
}
