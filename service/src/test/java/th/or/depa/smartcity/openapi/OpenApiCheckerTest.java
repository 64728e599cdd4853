package th.or.depa.smartcity.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker that every API test runs through is not a silent no-op: what the document does not describe fails. */
class OpenApiCheckerTest {

    private static final String CRITERIA = "{\"ruleSet\":{\"version\":1,\"sha256\":\"ab\"},\"criteria\":[{\"id\":\"SC-01\","
            + "\"title\":{\"en\":\"Plan\",\"th\":\"แผน\"},\"mandatory\":true,\"thresholds\":{},\"rule\":null}]}";
    private static final String ERROR = "{\"code\":422,\"message\":\"city.province: unknown province\","
            + "\"reason\":{\"en\":\"city.province: unknown province\",\"th\":\"city.province: ไม่รู้จักจังหวัดนี้\"},"
            + "\"errors\":[{\"field\":\"city.province\",\"message\":\"unknown province\"}]}";

    private static List<String> violations(Exchange.Builder e) {
        return ApiConformance.violations(e.build());
    }

    @Test
    void aDocumentedAnswerPasses() {
        assertEquals(List.of(), violations(Exchange.of("GET", "/api/criteria").responseBody("application/json", CRITERIA)));
    }

    @Test
    void anUndocumentedStatusFails() {
        List<String> v = violations(Exchange.of("GET", "/api/criteria").status(418).responseBody("application/json", ERROR));
        assertTrue(v.toString().contains("status 418 is not documented"), v.toString());
    }

    @Test
    void aBodyThatDoesNotMatchItsSchemaFails() {
        List<String> v = violations(Exchange.of("GET", "/api/criteria").responseBody("application/json", "{\"criteria\":3}"));
        assertTrue(v.toString().contains("ruleSet") && v.toString().contains("criteria"), v.toString());
    }

    @Test
    void anErrorWithoutItsCodeFails() {
        List<String> v = violations(Exchange.of("GET", "/api/plans/p1").requestHeader("Authorization", "Bearer t")
                .status(404).responseBody("application/json", "{\"message\":\"no such plan\"}"));
        assertTrue(v.toString().contains("code"), v.toString());
    }

    @Test
    void anUndocumentedWatchedHeaderFails() {
        List<String> v = violations(Exchange.of("GET", "/api/criteria").responseHeader("Retry-After", "3")
                .responseBody("application/json", CRITERIA));
        assertTrue(v.toString().contains("retry-after is not documented"), v.toString());
    }

    @Test
    void anUndocumentedPathAnsweredFails() {
        assertTrue(violations(Exchange.of("GET", "/api/nothing-here").status(200)).toString().contains("outside the document"));
    }

    @Test
    void anErrorWithoutItsReasonInEnglishAndThaiIsAViolation() {
        assertTrue(violations(Exchange.of("GET", "/api/plans").query("limit", "1000").status(422)
                .responseBody("application/json", "{\"code\":422,\"message\":\"limit: at most 200\"}"))
                .toString().contains("reason"));
    }

    @Test
    void anUndocumentedPathRefusedWithTheErrorBodyPasses() {
        assertEquals(List.of(), violations(Exchange.of("GET", "/api/nothing-here").status(404)
                .responseBody("application/json", "{\"code\":404,\"message\":\"HTTP 404 Not Found\","
                        + "\"reason\":{\"en\":\"Not found\",\"th\":\"ไม่พบ\"}}")));
        assertTrue(violations(Exchange.of("GET", "/api/nothing-here").status(404)
                .responseBody("application/json", "{\"error\":\"not found\"}")).toString().contains("code"));
    }

    @Test
    void anInvalidRequestAnsweredWithSuccessFails() {
        List<String> v = violations(Exchange.of("GET", "/api/plans").requestHeader("Authorization", "Bearer t")
                .query("limit", "1000").responseBody("application/json", "{\"items\":[],\"total\":0}"));
        assertTrue(v.toString().contains("limit"), v.toString());
    }

    @Test
    void anInvalidRequestRefusedWith4xxIsANegativeTestAndPasses() {
        assertEquals(List.of(), violations(Exchange.of("GET", "/api/plans").requestHeader("Authorization", "Bearer t")
                .query("limit", "1000").status(422).responseBody("application/json", ERROR)));
    }

    @Test
    void aPlanTheSchemaRefusesButTheServiceAcceptedFails() {
        List<String> v = violations(Exchange.of("POST", "/api/evaluate").requestHeader("Authorization", "Bearer t")
                .requestBody("{\"city\":{}}").responseBody("application/json",
                        "{\"outcome\":\"X\",\"criteria\":[],\"summary\":{\"met\":0,\"notMet\":0,\"warnings\":0}}"));
        assertTrue(v.toString().contains("applicant"), v.toString());
    }

    @Test
    void aMissingTokenAnsweredWithSuccessFails() {
        List<String> v = violations(Exchange.of("GET", "/api/plans").responseBody("application/json", "{\"items\":[],\"total\":0}"));
        assertTrue(v.toString().contains("no bearer token"), v.toString());
    }

    @Test
    void theRateLimitAnswerCarriesItsRetryAfter() {
        assertEquals(List.of(), violations(Exchange.of("POST", "/api/evaluate").requestHeader("Authorization", "Bearer t")
                .status(429).responseHeader("Retry-After", "12").responseBody("application/json",
                        "{\"code\":429,\"message\":\"more than 30 submissions and evaluations a minute; retry in 12 s\","
                                + "\"reason\":{\"en\":\"retry in 12 s\",\"th\":\"ลองใหม่ในอีก 12 วินาที\"}}")));
    }
}
