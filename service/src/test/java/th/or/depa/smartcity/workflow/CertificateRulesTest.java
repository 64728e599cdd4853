package th.or.depa.smartcity.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.facts.CertificateHeld;
import th.or.depa.smartcity.facts.CertificateStatus;
import th.or.depa.smartcity.facts.Parameter;
import th.or.depa.smartcity.facts.PlanStatus;
import th.or.depa.smartcity.facts.Request;
import th.or.depa.smartcity.facts.Today;
import th.or.depa.smartcity.ruleset.RuleSets;

/**
 * rules/workflow/certificate.drl alone: a certificate's status on both sides of each boundary (the renewal window
 * opens renewalWindowDays before validUntil; validUntil is the last valid day), and the service's EXPIRE request.
 */
class CertificateRulesTest {

    static RuleSets.InForce rules;
    static Texts texts;
    static final LocalDate UNTIL = LocalDate.of(2028, 11, 23);

    @BeforeAll
    static void compile() {
        BundledWorkflowRules bundled = BundledWorkflowRules.compile();
        rules = bundled.rules();
        texts = bundled.texts();
    }

    static String status(String state, boolean renewed, LocalDate today) {
        return Certificates.status(rules, new CertificateHeld(state, UNTIL, renewed), today);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
        // 180 days before 2028-11-23 is 2028-05-27: the window opens that day
        "CERTIFIED, 2026-11-23, VALID",
        "CERTIFIED, 2028-05-26, VALID",
        "CERTIFIED, 2028-05-27, RENEWAL_OPEN",
        "CERTIFIED, 2028-05-28, RENEWAL_OPEN",
        "CERTIFIED, 2028-11-22, RENEWAL_OPEN",
        "CERTIFIED, 2028-11-23, RENEWAL_OPEN",
        "CERTIFIED, 2028-11-24, EXPIRED",
        "CERTIFIED, 2031-01-01, EXPIRED",
        "EXPIRED, 2028-11-24, EXPIRED",
        // a plan the service expired stays expired, even on a clock set back
        "EXPIRED, 2027-01-01, EXPIRED",
        "REVOKED, 2027-01-01, REVOKED",
        "REVOKED, 2029-01-01, REVOKED",
    })
    void theStatusOnEachSideOfEachBoundary(String state, LocalDate today, String expected) {
        assertEquals(expected, status(state, false, today));
    }

    @Test
    void aCertificateThatARenewalContinuedIsRenewedUnlessRevoked() {
        assertEquals("RENEWED", status("CERTIFIED", true, LocalDate.of(2027, 1, 1)));
        assertEquals("RENEWED", status("CERTIFIED", true, LocalDate.of(2029, 1, 1)));
        assertEquals("REVOKED", status("REVOKED", true, LocalDate.of(2027, 1, 1)));
    }

    @Test
    void exactlyOneStatusEachDayAcrossTheWholeLife() {
        for (LocalDate d = LocalDate.of(2026, 11, 20); d.isBefore(LocalDate.of(2029, 1, 1)); d = d.plusDays(1)) {
            var run = rules.rules().decide(List.of(new CertificateHeld("CERTIFIED", UNTIL, false), new Today(d)),
                    rules.rules().parameters());
            assertEquals(1, run.of(CertificateStatus.class).size(), d.toString());
        }
    }

    @Test
    void theWindowIsTheRuleParameter() {
        Map<String, Parameter> params = new LinkedHashMap<>(rules.rules().parameters());
        params.put("renewalWindowDays", new Parameter("renewalWindowDays", "30")); // opens 2028-10-24
        var run = rules.rules().decide(List.of(new CertificateHeld("CERTIFIED", UNTIL, false),
                new Today(LocalDate.of(2028, 10, 24))), Map.copyOf(params));
        assertEquals("RENEWAL_OPEN", ((CertificateStatus) run.of(CertificateStatus.class).get(0).fact()).status());
        run = rules.rules().decide(List.of(new CertificateHeld("CERTIFIED", UNTIL, false),
                new Today(LocalDate.of(2028, 10, 23))), Map.copyOf(params));
        assertEquals("VALID", ((CertificateStatus) run.of(CertificateStatus.class).get(0).fact()).status());
        assertEquals("180", rules.rules().parameters().get("renewalWindowDays").value());
    }

    static Workflow.Decision expire(String role, String state, LocalDate today) {
        List<Object> facts = new ArrayList<>(List.of(new Request("EXPIRE", null, role, null, false, false, null, null),
                new PlanStatus(state, "NEW", "PASS"), new Today(today), new CertificateHeld(state, UNTIL, false)));
        Workflow.Decision d = Workflow.consult(rules, facts);
        if (d.refusal() != null) {
            assertEquals(d.reason(), texts.refusal(d.refusal(), "the certificate rules", true));
            assertFalse(d.reason().en().isBlank() || d.reason().th().isBlank(), d.reason().toString());
        }
        return d;
    }

    @Test
    void theServiceExpiresACertifiedPlanFromTheDayAfterValidUntil() {
        assertEquals("EXPIRED", expire("SYSTEM", "CERTIFIED", UNTIL.plusDays(1)).to());
        assertEquals("EXPIRED", expire("SYSTEM", "CERTIFIED", UNTIL.plusYears(3)).to());
        Workflow.Decision onTheLastDay = expire("SYSTEM", "CERTIFIED", UNTIL);
        assertNull(onTheLastDay.to());
        assertEquals(409, onTheLastDay.refusal().code());
        assertEquals("notYetExpired", onTheLastDay.refusal().key());
    }

    @Test
    void onlyACertifiedPlanExpiresAndOnlyTheServiceAsks() {
        for (String state : List.of("EXPIRED", "REVOKED", "SCREENING")) {
            Workflow.Decision d = expire("SYSTEM", state, UNTIL.plusDays(1));
            assertNull(d.to(), state);
            assertEquals("expireOnlyCertified", d.refusal().key(), state);
        }
        for (String role : List.of("CITY", "OFFICE", "COMMITTEE", "ADMIN")) {
            Workflow.Decision d = expire(role, "CERTIFIED", UNTIL.plusDays(1));
            assertNull(d.to(), role);
            assertEquals(403, d.refusal().code(), role);
        }
    }

    @Test
    void aCityCannotWithdrawAnExpiredPlan() {
        var d = Workflow.consult(rules, List.of(new Request("WITHDRAW", "me", "CITY", null, false, true, null, null),
                new PlanStatus("EXPIRED", "NEW", "PASS"), new Today(UNTIL.plusDays(2))));
        assertEquals("cannotWithdraw", d.refusal().key());
    }
}
