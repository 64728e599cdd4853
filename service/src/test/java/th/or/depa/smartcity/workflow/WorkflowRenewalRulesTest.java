package th.or.depa.smartcity.workflow;

import static th.or.depa.smartcity.workflow.Actor.CITY;
import static th.or.depa.smartcity.workflow.Actor.COM_CHAIR;
import static th.or.depa.smartcity.workflow.Actor.COM_MEMBER;
import static th.or.depa.smartcity.workflow.Actor.OFFICE;
import static th.or.depa.smartcity.workflow.Actor.SUB_CHAIR;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.facts.Ballot;
import th.or.depa.smartcity.facts.CurrentCertificate;
import th.or.depa.smartcity.facts.Member;
import th.or.depa.smartcity.facts.PlanStatus;
import th.or.depa.smartcity.facts.Today;
import th.or.depa.smartcity.ruleset.RuleSets;

/** The renewal part of rules/workflow/: RENEW in and out of its window, the renewal states, both sides of each rule. */
class WorkflowRenewalRulesTest {

    static RuleSets.InForce rules;
    static Texts texts;
    static final List<String> STATES = List.of("CERTIFIED", "RENEWAL_SCREENING", "RENEWAL_REVISION_REQUESTED",
            "RENEWAL_SUBCOMMITTEE_REVIEW", "RENEWAL_COMMITTEE_REVIEW", "SCREENING", "REVOKED");
    /** validUntil 2026-06-30: with renewalWindowDays 180 the window opens on 2026-01-01. */
    static final CurrentCertificate CERTIFICATE = new CurrentCertificate(LocalDate.of(2024, 6, 30),
            LocalDate.of(2026, 6, 30), List.of("ENVIRONMENT", "LIVING"));
    static final LocalDate IN_WINDOW = LocalDate.of(2026, 3, 1);

    @BeforeAll
    static void compile() {
        BundledWorkflowRules bundled = BundledWorkflowRules.compile();
        rules = bundled.rules();
        texts = bundled.texts();
    }


    static Workflow.Decision decide(Actor a, String action, String comment, String state, String outcome,
                                    LocalDate today, Object... more) {
        List<Object> facts = new ArrayList<>(List.of(a.ask(action, comment), new PlanStatus(state, "LIVABLE", outcome),
                new Today(today), CERTIFICATE));
        facts.addAll(List.of(more));
        Workflow.Decision d = Workflow.consult(rules, facts);
        if (d.refusal() != null) {
            // every refusal has its words in both languages, filled from what its rule reported
            assertEquals(d.reason(), texts.refusal(d.refusal(), "the workflow rules", true));
            assertFalse(d.reason().en().isBlank() || d.reason().th().isBlank(), d.reason().toString());
        }
        return d;
    }

    static String result(Workflow.Decision d) {
        return d.refusal() != null ? String.valueOf(d.refusal().code()) : "→ " + d.to();
    }

    static Stream<Arguments> matrix() {
        String c = "deliver the bus service first";
        return Stream.of(
                row("RENEW", CITY, null, "→ RENEWAL_SCREENING", "409", "→ RENEWAL_SCREENING", "409", "409", "409", "409"),
                row("RENEW", OFFICE, null, "403", "403", "403", "403", "403", "403", "403"),
                row("RENEW", COM_CHAIR, null, "403", "403", "403", "403", "403", "403", "403"),
                row("FORWARD", OFFICE, null, "409", "→ RENEWAL_SUBCOMMITTEE_REVIEW", "409", "409", "409", "→ SUBCOMMITTEE_REVIEW", "409"),
                row("REQUEST_REVISION", OFFICE, c, "409", "→ RENEWAL_REVISION_REQUESTED", "409", "409", "409", "→ REVISION_REQUESTED", "409"),
                row("REQUEST_REVISION", SUB_CHAIR, c, "409", "409", "409", "→ RENEWAL_REVISION_REQUESTED", "409", "409", "409"),
                row("REQUEST_REVISION", OFFICE, " ", "422", "422", "422", "422", "422", "422", "422"),
                row("WITHDRAW", CITY, null, "409", "→ CERTIFIED", "→ CERTIFIED", "→ CERTIFIED", "→ CERTIFIED", "→ WITHDRAWN", "409"),
                row("REVOKE", COM_CHAIR, c, "→ REVOKED", "→ REVOKED", "→ REVOKED", "→ REVOKED", "→ REVOKED", "409", "409"),
                row("REVOKE", COM_CHAIR, null, "422", "422", "422", "422", "422", "422", "422"),
                row("REVOKE", COM_MEMBER, c, "409", "409", "409", "409", "409", "409", "409"),
                row("REJECT", OFFICE, c, "409", "409", "409", "409", "409", "→ REJECTED", "409"));
    }

    static Arguments row(String action, Actor actor, String comment, String... perState) {
        return Arguments.of(action, actor, comment, List.of(perState));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("matrix")
    void everyActionFromEveryRenewalState(String action, Actor actor, String comment, List<String> expected) {
        List<String> actual = STATES.stream()
                .map(s -> result(decide(actor, action, comment, s, "PASS", IN_WINDOW))).toList();
        assertEquals(expected, actual, action + " by " + actor + " from " + STATES);
    }

    @Test
    void theWindowOpensRenewalWindowDaysBeforeValidUntilAndClosesAfterIt() {
        assertEquals("409", result(decide(CITY, "RENEW", null, "CERTIFIED", "PASS", LocalDate.of(2025, 12, 31))));
        assertEquals("→ RENEWAL_SCREENING", result(decide(CITY, "RENEW", null, "CERTIFIED", "PASS",
                LocalDate.of(2026, 1, 1))));
        assertEquals("→ RENEWAL_SCREENING", result(decide(CITY, "RENEW", null, "CERTIFIED", "PASS",
                LocalDate.of(2026, 6, 30))));
        Workflow.Decision late = decide(CITY, "RENEW", null, "CERTIFIED", "PASS", LocalDate.of(2026, 7, 1));
        assertEquals(409, late.refusal().code());
        assertEquals("A renewal is submitted from 2026-01-01 to 2026-06-30, the day the certificate ends; today is"
                + " 2026-07-01.", late.reason().en());
        assertTrue(late.reason().th().contains("2026-01-01"), late.reason().th());
    }

    @Test
    void aFailedProgressReportLeavesThePlanWhereItWas() {
        assertEquals("→ CERTIFIED", result(decide(CITY, "RENEW", null, "CERTIFIED", "FAIL", IN_WINDOW)));
        assertEquals("→ RENEWAL_REVISION_REQUESTED", result(decide(CITY, "RENEW", null,
                "RENEWAL_REVISION_REQUESTED", "FAIL", IN_WINDOW)));
        // outside the window a failing report is refused like any other
        assertEquals("409", result(decide(CITY, "RENEW", null, "CERTIFIED", "FAIL", LocalDate.of(2025, 1, 1))));
    }

    @Test
    void aRenewalIsJudgedTheSameBesideTheBodiesAndTheDomains() {
        Workflow.Decision d = decide(CITY, "RENEW", null, "CERTIFIED", "PASS", IN_WINDOW, MEMBERS[0], MEMBERS[3],
                new th.or.depa.smartcity.facts.Domain("ENVIRONMENT", 1));
        assertEquals("→ RENEWAL_SCREENING", result(d), String.valueOf(d.reason()));
    }

    @Test
    void aRenewalOfAPlanNotCertifiedSaysItsState() {
        Workflow.Decision d = decide(CITY, "RENEW", null, "SCREENING", "PASS", IN_WINDOW);
        assertEquals("renewOnlyCertified", d.refusal().key());
        assertTrue(d.reason().en().contains("Screening"), d.reason().en());
    }

    /** Three committee members, c1 chairs; three subcommittee members, s1 chairs. */
    static final Object[] MEMBERS = {new Member("s1", "SUBCOMMITTEE", true), new Member("s2", "SUBCOMMITTEE", false),
        new Member("s3", "SUBCOMMITTEE", false), new Member("c1", "COMMITTEE", true),
        new Member("c2", "COMMITTEE", false), new Member("c3", "COMMITTEE", false)};

    static Workflow.Decision close(String state, Ballot... ballots) {
        List<Object> more = new ArrayList<>(List.of(MEMBERS));
        more.addAll(List.of(ballots));
        return decide(OFFICE, "CLOSE_VOTE", null, state, "PASS", IN_WINDOW, more.toArray());
    }

    @Test
    void theSubcommitteesApprovalSendsARenewalToTheCommittee() {
        Workflow.Decision d = close("RENEWAL_SUBCOMMITTEE_REVIEW", new Ballot("s1", "APPROVE", false),
                new Ballot("s2", "APPROVE", false));
        assertEquals("RENEWAL_COMMITTEE_REVIEW", d.to());
        assertNull(d.certificate());
        assertNull(d.renewal());
    }

    @Test
    void theCommitteesApprovalContinuesTheCertificateFromItsValidUntil() {
        Workflow.Decision d = close("RENEWAL_COMMITTEE_REVIEW", new Ballot("c1", "APPROVE", false),
                new Ballot("c2", "APPROVE", false));
        assertEquals("CERTIFIED", d.to());
        assertEquals("RENEWED", d.renewal().event());
        assertEquals(LocalDate.of(2026, 7, 1), d.certificate().validFrom());
        assertEquals(LocalDate.of(2028, 6, 30), d.certificate().validUntil());
        assertEquals(List.of("ENVIRONMENT", "LIVING"), d.certificate().domains());
    }

    @Test
    void aBodysRefusalKeepsTheCertificateToItsEnd() {
        for (String state : List.of("RENEWAL_SUBCOMMITTEE_REVIEW", "RENEWAL_COMMITTEE_REVIEW")) {
            String member = state.contains("SUB") ? "s" : "c";
            Workflow.Decision d = close(state, new Ballot(member + "1", "REJECT", false),
                    new Ballot(member + "2", "REJECT", false));
            assertEquals("CERTIFIED", d.to(), state);
            assertEquals("RENEWAL_REFUSED", d.renewal().event(), state);
            assertNull(d.certificate(), state);
        }
    }

    @Test
    void aFirstApplicationsVotesAreUnchanged() {
        Workflow.Decision approved = close("COMMITTEE_REVIEW", new Ballot("c1", "APPROVE", false),
                new Ballot("c2", "APPROVE", false));
        assertEquals("CERTIFIED", approved.to());
        assertNull(approved.renewal());
        assertEquals(IN_WINDOW, approved.certificate().validFrom());
        assertEquals("REJECTED", close("SUBCOMMITTEE_REVIEW", new Ballot("s1", "REJECT", false),
                new Ballot("s2", "REJECT", false)).to());
    }
}
