package th.or.depa.smartcity.workflow;

import static th.or.depa.smartcity.workflow.Actor.CITY;
import static th.or.depa.smartcity.workflow.Actor.COM_CHAIR;
import static th.or.depa.smartcity.workflow.Actor.COM_MEMBER;
import static th.or.depa.smartcity.workflow.Actor.OFFICE;
import static th.or.depa.smartcity.workflow.Actor.REVIEWER;
import static th.or.depa.smartcity.workflow.Actor.SUB_CHAIR;
import static th.or.depa.smartcity.workflow.Actor.SUB_MEMBER;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import th.or.depa.smartcity.facts.Ballot;
import th.or.depa.smartcity.facts.Domain;
import th.or.depa.smartcity.facts.Member;
import th.or.depa.smartcity.facts.PlanStatus;
import th.or.depa.smartcity.facts.Today;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.ruleset.RuleSets;

/** The workflow rules of rules/workflow/ alone: every action from every state, both sides of every rule. */
class WorkflowRulesTest {

    static RuleSets.InForce rules;
    static Texts texts;
    static final List<String> STATES = List.of("NOT_ELIGIBLE", "SCREENING", "REVISION_REQUESTED",
            "SUBCOMMITTEE_REVIEW", "COMMITTEE_REVIEW", "CERTIFIED", "REJECTED", "WITHDRAWN", "REVOKED");

    @BeforeAll
    static void compile() {
        BundledWorkflowRules bundled = BundledWorkflowRules.compile();
        rules = bundled.rules();
        texts = bundled.texts();
    }


    static Workflow.Decision decide(Actor a, String action, String comment, String state, Object... more) {
        List<Object> facts = new ArrayList<>(List.of(a.ask(action, comment), new PlanStatus(state, "LIVABLE", "PASS"),
                new Today(LocalDate.of(2026, 11, 23)), new Domain("ENVIRONMENT", 1), new Domain("LIVING", 2)));
        facts.addAll(List.of(more));
        return rendered(Workflow.consult(rules, facts));
    }

    /**
     * Every refusal a test meets is rendered strictly too: a refusal without a template in either language, or a
     * template naming a fact its rule does not report, fails the test with the template's file and line.
     */
    static Workflow.Decision rendered(Workflow.Decision d) {
        if (d.refusal() != null) {
            assertEquals(d.reason(), texts.refusal(d.refusal(), "the workflow rules", true));
            assertFalse(d.reason().en().isBlank() || d.reason().th().isBlank(), d.reason().toString());
        }
        return d;
    }

    /** "→ STATE" for a transition, or the refusal's code. */
    static String result(Workflow.Decision d) {
        return d.refusal() != null ? String.valueOf(d.refusal().code()) : "→ " + d.to();
    }

    /** Expected answers: action, actor, comment, then per state in STATES order. */
    static Stream<Arguments> matrix() {
        String c = "please fix the budget";
        return Stream.of(
                row("FORWARD", OFFICE, null, "409", "→ SUBCOMMITTEE_REVIEW", "409", "409", "409", "409", "409", "409", "409"),
                row("FORWARD", CITY, null, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("FORWARD", SUB_CHAIR, null, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("REQUEST_REVISION", OFFICE, c, "409", "→ REVISION_REQUESTED", "409", "409", "409", "409", "409", "409", "409"),
                row("REQUEST_REVISION", OFFICE, " ", "422", "422", "422", "422", "422", "422", "422", "422", "422"),
                row("REQUEST_REVISION", SUB_CHAIR, c, "409", "409", "409", "→ REVISION_REQUESTED", "409", "409", "409", "409", "409"),
                row("REQUEST_REVISION", SUB_MEMBER, c, "409", "409", "409", "409", "409", "409", "409", "409", "409"),
                row("REQUEST_REVISION", COM_CHAIR, c, "409", "409", "409", "409", "409", "409", "409", "409", "409"),
                row("REQUEST_REVISION", CITY, c, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("WITHDRAW", CITY, null, "→ WITHDRAWN", "→ WITHDRAWN", "→ WITHDRAWN", "→ WITHDRAWN", "→ WITHDRAWN", "409", "409", "409", "409"),
                row("WITHDRAW", OFFICE, null, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("REVOKE", COM_CHAIR, c, "409", "409", "409", "409", "409", "→ REVOKED", "409", "409", "409"),
                row("REVOKE", COM_CHAIR, null, "422", "422", "422", "422", "422", "422", "422", "422", "422"),
                row("REVOKE", COM_MEMBER, c, "409", "409", "409", "409", "409", "409", "409", "409", "409"),
                row("REVOKE", SUB_CHAIR, c, "409", "409", "409", "409", "409", "409", "409", "409", "409"),
                row("REVOKE", OFFICE, c, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("CLOSE_VOTE", CITY, null, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("CLOSE_VOTE", REVIEWER, null, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("CLOSE_VOTE", OFFICE, null, "409", "409", "409", "409", "409", "409", "409", "409", "409"),
                row("CLOSE_VOTE", SUB_MEMBER, null, "409", "409", "409", "409", "409", "409", "409", "409", "409"),
                row("REJECT", OFFICE, c, "409", "→ REJECTED", "409", "409", "409", "409", "409", "409", "409"),
                row("REJECT", OFFICE, " ", "422", "422", "422", "422", "422", "422", "422", "422", "422"),
                row("REJECT", SUB_CHAIR, c, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("REJECT", CITY, c, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("REJECT", REVIEWER, c, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("REVISE", CITY, null, "→ SCREENING", "409", "→ SCREENING", "409", "409", "409", "409", "409", "409"),
                row("REVISE", OFFICE, null, "403", "403", "403", "403", "403", "403", "403", "403", "403"),
                row("PUBLISH", OFFICE, null, "422", "422", "422", "422", "422", "422", "422", "422", "422"));
    }

    static Arguments row(String action, Actor actor, String comment, String... perState) {
        return Arguments.of(action, actor, comment, List.of(perState));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("matrix")
    void everyActionFromEveryState(String action, Actor actor, String comment, List<String> expected) {
        List<String> actual = STATES.stream().map(s -> result(decide(actor, action, comment, s))).toList();
        assertEquals(expected, actual, action + " by " + actor + " from " + STATES);
    }

    @Test
    void aForwardOfAPlanThatNowFailsMovesItToNotEligibleAndIsRefused() {
        Workflow.Decision d = rendered(Workflow.consult(rules, List.of(OFFICE.ask("FORWARD", null),
                new PlanStatus("SCREENING", "LIVABLE", "FAIL"))));
        assertEquals("NOT_ELIGIBLE", d.to());
        assertEquals(409, d.refusal().code());
        assertTrue(d.refusal().afterTransition());
    }

    @Test
    void aRejectionByTheOfficeWithoutACommentIsRefusedNamingTheComment() {
        Workflow.Decision d = decide(OFFICE, "REJECT", null, "SCREENING");
        assertEquals(422, d.refusal().code());
        assertEquals("comment", d.refusal().field());
        assertNull(d.to());
    }

    @Test
    void aRejectionOutsideScreeningSaysTheState() {
        Workflow.Decision d = decide(OFFICE, "REJECT", "no", "COMMITTEE_REVIEW");
        assertTrue(d.reason().en().contains("Committee review"), d.reason().en());
    }

    @Test
    void aRevisionThatFailsIsNotEligible() {
        Workflow.Decision d = rendered(Workflow.consult(rules, List.of(CITY.ask("REVISE", null),
                new PlanStatus("REVISION_REQUESTED", "LIVABLE", "FAIL"))));
        assertEquals("NOT_ELIGIBLE", d.to());
    }

    @Nested
    class Votes {

        @Test
        void aMemberOfTheReviewingBodyVotesOnce() {
            assertEquals("→ SUBCOMMITTEE_REVIEW", result(decide(SUB_MEMBER, "VOTE", null, "SUBCOMMITTEE_REVIEW")));
            assertEquals("409", result(decide(SUB_MEMBER, "VOTE", null, "SUBCOMMITTEE_REVIEW",
                    new Ballot("me", "APPROVE", false))));
            assertEquals("409", result(decide(SUB_MEMBER, "VOTE", null, "SUBCOMMITTEE_REVIEW",
                    new Ballot("me", null, true))));
        }

        @Test
        void aMemberOfTheOtherBodyDoesNotVote() {
            assertEquals("409", result(decide(COM_MEMBER, "VOTE", null, "SUBCOMMITTEE_REVIEW")));
            assertEquals("→ COMMITTEE_REVIEW", result(decide(COM_MEMBER, "VOTE", null, "COMMITTEE_REVIEW")));
        }

        @Test
        void votesAreCastOnlyDuringAReview() {
            for (String s : List.of("SCREENING", "CERTIFIED", "NOT_ELIGIBLE")) {
                assertEquals("409", result(decide(SUB_MEMBER, "VOTE", null, s)), s);
            }
            assertEquals("403", result(decide(OFFICE, "VOTE", null, "SUBCOMMITTEE_REVIEW")));
        }
    }

    @Nested
    class Tally {

        /** Four subcommittee members; s1 chairs. */
        final List<Object> members = List.of(new Member("s1", "SUBCOMMITTEE", true),
                new Member("s2", "SUBCOMMITTEE", false), new Member("s3", "SUBCOMMITTEE", false),
                new Member("s4", "SUBCOMMITTEE", false), new Member("c1", "COMMITTEE", true),
                new Member("c2", "COMMITTEE", false), new Member("c3", "COMMITTEE", false));

        Workflow.Decision close(String state, Ballot... ballots) {
            List<Object> facts = new ArrayList<>(members);
            facts.addAll(List.of(ballots));
            return decide(OFFICE, "CLOSE_VOTE", null, state, facts.toArray());
        }

        @Test
        void quorumJustMetWithHalfTheMembersPresent() {
            Workflow.Decision d = close("SUBCOMMITTEE_REVIEW", new Ballot("s2", "APPROVE", false),
                    new Ballot("s3", "ABSTAIN", false));
            assertEquals("COMMITTEE_REVIEW", d.to());
            assertEquals(4, d.tally().members());
            assertEquals(2, d.tally().present());
            assertTrue(d.tally().quorumMet());
            assertEquals("APPROVED", d.verdict().result());
        }

        @Test
        void quorumJustMissedKeepsTheRoundOpen() {
            Workflow.Decision d = close("SUBCOMMITTEE_REVIEW", new Ballot("s2", "APPROVE", false));
            assertNull(d.to());
            assertEquals(409, d.refusal().code());
            assertEquals("no quorum: 1 of 4 present, 2 needed", d.reason().en());
            assertEquals("ไม่ครบองค์ประชุม: มาประชุม 1 จาก 4 คน ต้องมีอย่างน้อย 2 คน", d.reason().th());
        }

        @Test
        void aRecusedMemberIsNotPresent() {
            Workflow.Decision d = close("SUBCOMMITTEE_REVIEW", new Ballot("s2", "APPROVE", false),
                    new Ballot("s3", null, true));
            assertEquals(409, d.refusal().code());
            assertEquals(1, d.tally().recused());
            assertEquals(1, d.tally().present());
        }

        @Test
        void aMajorityOfRejectionsRejects() {
            Workflow.Decision d = close("SUBCOMMITTEE_REVIEW", new Ballot("s2", "REJECT", false),
                    new Ballot("s3", "REJECT", false), new Ballot("s4", "APPROVE", false));
            assertEquals("REJECTED", d.to());
            assertEquals("REJECTED", d.verdict().result());
        }

        @Test
        void aTieGoesTheWayTheChairVoted() {
            assertEquals("COMMITTEE_REVIEW", close("SUBCOMMITTEE_REVIEW", new Ballot("s1", "APPROVE", false),
                    new Ballot("s2", "REJECT", false)).to());
            Workflow.Decision rejected = close("SUBCOMMITTEE_REVIEW", new Ballot("s1", "REJECT", false),
                    new Ballot("s2", "APPROVE", false));
            assertEquals("REJECTED", rejected.to());
            assertEquals("REJECT", rejected.tally().chairVote());
        }

        @Test
        void aTieWithoutTheChairsApprovalOrRejectionStaysOpen() {
            Workflow.Decision abstained = close("SUBCOMMITTEE_REVIEW", new Ballot("s1", "ABSTAIN", false),
                    new Ballot("s2", "APPROVE", false), new Ballot("s3", "REJECT", false));
            assertEquals(409, abstained.refusal().code());
            assertTrue(abstained.reason().en().startsWith("tie"));
            Workflow.Decision absent = close("SUBCOMMITTEE_REVIEW", new Ballot("s2", "APPROVE", false),
                    new Ballot("s3", "REJECT", false));
            assertEquals(409, absent.refusal().code());
            assertNull(absent.tally().chairVote());
        }

        @Test
        void theCommitteesApprovalCertifiesForValidityYearsWithTheCoveredDomains() {
            Workflow.Decision d = close("COMMITTEE_REVIEW", new Ballot("c2", "APPROVE", false),
                    new Ballot("c3", "APPROVE", false));
            assertEquals("CERTIFIED", d.to());
            assertNotNull(d.certificate());
            assertEquals(LocalDate.of(2026, 11, 23), d.certificate().validFrom());
            assertEquals(LocalDate.of(2028, 11, 23), d.certificate().validUntil());
            assertEquals(List.of("ENVIRONMENT", "LIVING"), d.certificate().domains());
            assertEquals(3, d.tally().members());
        }

        @Test
        void validityYearsIsTheRuleParameter() {
            var params = new java.util.LinkedHashMap<>(rules.rules().parameters());
            params.put("validityYears", new th.or.depa.smartcity.facts.Parameter("validityYears", "3"));
            List<Object> facts = new ArrayList<>(members);
            facts.addAll(List.of(OFFICE.ask("CLOSE_VOTE", null), new PlanStatus("COMMITTEE_REVIEW", "NEW", "PASS"),
                    new Today(LocalDate.of(2026, 2, 28)), new Ballot("c2", "APPROVE", false),
                    new Ballot("c3", "APPROVE", false)));
            var run = rules.rules().decide(facts, Map.copyOf(params));
            var cert = run.of(th.or.depa.smartcity.facts.Certificate.class).get(0).fact();
            assertEquals(LocalDate.of(2029, 2, 28), ((th.or.depa.smartcity.facts.Certificate) cert).validUntil());
        }

        @Test
        void theCommitteeRejectionRejects() {
            assertEquals("REJECTED", close("COMMITTEE_REVIEW", new Ballot("c2", "REJECT", false),
                    new Ballot("c3", "REJECT", false)).to());
        }

        @Test
        void theChairOfTheBodyVotingClosesItsVoteButNotTheOthers() {
            List<Object> facts = new ArrayList<>(members);
            facts.add(new Ballot("s2", "APPROVE", false));
            facts.add(new Ballot("s3", "APPROVE", false));
            assertEquals("→ COMMITTEE_REVIEW", result(decide(SUB_CHAIR, "CLOSE_VOTE", null, "SUBCOMMITTEE_REVIEW",
                    facts.toArray())));
            assertEquals("409", result(decide(COM_CHAIR, "CLOSE_VOTE", null, "SUBCOMMITTEE_REVIEW", facts.toArray())));
            assertEquals("409", result(decide(SUB_MEMBER, "CLOSE_VOTE", null, "SUBCOMMITTEE_REVIEW", facts.toArray())));
        }
    }

    /** The reasons of refusals are templates of rules/texts/workflow.*.properties, checked like the criteria's. */
    @Nested
    class RefusalTexts {

        @Test
        void aRefusalNamesTheStateAndTheBodyByTheirNamesInEachLanguage() {
            Workflow.Decision d = decide(OFFICE, "FORWARD", null, "CERTIFIED");
            assertEquals("forwardOnlyFromScreening", d.refusal().key());
            assertEquals(Map.of("state", "CERTIFIED"), d.refusal().facts());
            assertTrue(d.reason().en().contains("“Certified”"), d.reason().en());
            assertTrue(d.reason().th().contains("“ได้รับการรับรอง”") && !d.reason().th().contains("CERTIFIED"),
                    d.reason().th());
            Workflow.Decision other = decide(COM_MEMBER, "VOTE", null, "SUBCOMMITTEE_REVIEW");
            assertTrue(other.reason().en().contains("member of the Subcommittee"), other.reason().en());
            assertTrue(other.reason().th().contains("(คณะอนุกรรมการ)"), other.reason().th());
        }

        @Test
        void aTemplateNamingAFactTheRefusalDoesNotReportIsFoundWithItsFileAndLine() {
            Map<String, String> files = new java.util.TreeMap<>(rules.rules().files().files());
            String en = "texts/workflow.en.properties";
            files.put(en, files.get(en).replace("{needed} needed", "{needed} needed of {quorum}"));
            Texts changed = Texts.of(new RuleFiles(files));
            Workflow.Decision d = decide(OFFICE, "CLOSE_VOTE", null, "SUBCOMMITTEE_REVIEW",
                    new Member("s1", "SUBCOMMITTEE", true), new Member("s2", "SUBCOMMITTEE", false),
                    new Member("s3", "SUBCOMMITTEE", false));
            Texts.TextProblem p = org.junit.jupiter.api.Assertions.assertThrows(Texts.TextProblem.class,
                    () -> changed.refusal(d.refusal(), "tally.drl", true));
            assertEquals(en, p.error().file());
            assertEquals(lineOf(files.get(en), "refusal.noQuorum"), p.error().line());
            assertTrue(p.error().message().contains("{quorum}"), p.error().message());
        }

        @Test
        void aRefusalWithoutATemplateIsRefusedAtTheRuleFilesLine() {
            Map<String, String> files = new java.util.TreeMap<>(rules.rules().files().files());
            for (String lang : List.of("en", "th")) {
                String f = "texts/workflow." + lang + ".properties";
                files.put(f, files.get(f).replaceAll("(?m)^refusal\\.tie = .*$", ""));
            }
            var errors = Texts.of(new RuleFiles(files)).checkRefusals(new RuleFiles(files));
            assertEquals(2, errors.size(), errors.toString());
            assertEquals("workflow/tally.drl", errors.get(0).file());
            assertEquals(lineOf(files.get("workflow/tally.drl"), "    insert(Refusal.notNow(\"tie\""),
                    errors.get(0).line());
            assertTrue(errors.get(0).message().contains("refusal.tie"), errors.toString());
            assertTrue(Texts.of(rules.rules().files()).checkRefusals(rules.rules().files()).isEmpty(),
                    "every refusal of the bundled rules has its texts");
        }

        static int lineOf(String text, String prefix) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith(prefix)) {
                    return i + 1;
                }
            }
            throw new AssertionError(prefix + " not found");
        }
    }
}
