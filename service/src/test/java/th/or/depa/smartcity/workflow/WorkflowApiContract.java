package th.or.depa.smartcity.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/**
 * The committee workflow through HTTP, run per database. The bodies are fixed for the class: a subcommittee of
 * three (s1 chairs) and a committee of three (c1 chairs), so quorum is 2 of 3 in each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WorkflowApiContract {

    abstract Api api();

    String office;
    String s1;
    String s2;
    String s3;
    String c1;
    String c2;
    String c3;
    String org;
    String city;

    @BeforeAll
    void bodies() {
        office = api().token(Role.OFFICE, null, null, false);
        s1 = api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", true);
        s2 = api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        s3 = api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false);
        c1 = api().token(Role.COMMITTEE, null, "COMMITTEE", true);
        c2 = api().token(Role.COMMITTEE, null, "COMMITTEE", false);
        c3 = api().token(Role.COMMITTEE, null, "COMMITTEE", false);
    }

    @BeforeEach
    void newCity() {
        org = "org-" + UUID.randomUUID();
        city = api().city(org);
    }

    String submit(String example) {
        Api.Reply r = api().post("/api/plans", city, Api.example(example));
        assertEquals(201, r.status(), r.raw());
        return r.body().get("plan").get("id").asText();
    }

    Api.Reply act(String token, String id, String action, String comment) {
        String body = comment == null ? "{\"action\":\"" + action + "\"}"
                : "{\"action\":\"" + action + "\",\"comment\":\"" + comment + "\"}";
        return api().post("/api/plans/" + id + "/actions", token, body);
    }

    Api.Reply vote(String token, String id, String vote) {
        return api().post("/api/plans/" + id + "/votes", token, "{\"vote\":\"" + vote + "\"}");
    }

    static String state(Api.Reply r) {
        return r.body().get("plan").get("state").asText();
    }

    /** A screened plan forwarded to the subcommittee. */
    String inSubcommittee() {
        String id = submit("phuket-livable-pass");
        assertEquals("SUBCOMMITTEE_REVIEW", state(act(office, id, "FORWARD", null)));
        return id;
    }

    @Test
    void aPlanGoesFromSubmissionToCertifiedAndRevokedLeavingAVerifiedRecord() {
        String id = submit("phuket-livable-pass");
        Api.Reply noComment = act(office, id, "REQUEST_REVISION", null);
        assertEquals(422, noComment.status(), noComment.raw());
        assertEquals("comment", noComment.body().get("errors").get(0).get("field").asText());
        assertEquals("REVISION_REQUESTED", state(act(office, id, "REQUEST_REVISION", "add KPIs for the bus")));

        Api.Reply revised = api().reply(api().request("/api/plans/" + id, city)
                .put(jakarta.ws.rs.client.Entity.json(Api.example("phuket-livable-pass"))));
        assertEquals(200, revised.status(), revised.raw());
        assertEquals(2, revised.body().get("plan").get("revision").asInt());
        assertEquals("SCREENING", state(revised));

        assertEquals("SUBCOMMITTEE_REVIEW", state(act(office, id, "FORWARD", null)));
        assertEquals(409, vote(c2, id, "APPROVE").status(), "a committee member does not vote in the subcommittee");
        assertEquals(200, vote(s2, id, "APPROVE").status());
        assertEquals(409, vote(s2, id, "REJECT").status(), "a second vote");
        assertEquals(200, vote(s3, id, "APPROVE").status());

        Api.Reply closed = act(office, id, "CLOSE_VOTE", null);
        assertEquals(200, closed.status(), closed.raw());
        assertEquals("COMMITTEE_REVIEW", state(closed));
        JsonNode tally = closed.body().get("tally");
        assertEquals("SUBCOMMITTEE", tally.get("body").asText());
        assertEquals(3, tally.get("members").asInt());
        assertEquals(2, tally.get("present").asInt());
        assertEquals(2, tally.get("approve").asInt());
        assertTrue(tally.get("quorumMet").asBoolean());
        assertTrue(tally.get("chairVote").isNull());
        assertEquals("APPROVED", tally.get("result").asText());

        assertEquals(200, vote(c2, id, "APPROVE").status());
        assertEquals(200, api().post("/api/plans/" + id + "/votes", c3, "{\"recuse\":true,\"comment\":\"my firm bid\"}").status());
        assertEquals(200, vote(c1, id, "APPROVE").status());
        assertEquals(409, act(s1, id, "CLOSE_VOTE", null).status(), "the subcommittee chair cannot close the committee's vote");
        Api.Reply certified = act(c1, id, "CLOSE_VOTE", null);
        assertEquals("CERTIFIED", state(certified), certified.raw());
        assertEquals(1, certified.body().get("tally").get("recused").asInt());
        JsonNode cert = certified.body().get("certificate");
        LocalDate today = LocalDate.now(WorkflowService.BANGKOK);
        assertEquals(today.toString(), cert.get("validFrom").asText());
        assertEquals(today.plusYears(2).toString(), cert.get("validUntil").asText());
        assertEquals("[\"ENVIRONMENT\",\"LIVING\",\"MOBILITY\"]", cert.get("domains").toString());

        assertEquals(409, act(c2, id, "REVOKE", "not delivered").status(), "only the chair revokes");
        Api.Reply revoked = act(c1, id, "REVOKE", "not delivered");
        assertEquals("REVOKED", state(revoked));
        assertEquals("VALID", cert.get("status").asText());
        com.fasterxml.jackson.databind.node.ObjectNode kept =
                (com.fasterxml.jackson.databind.node.ObjectNode) revoked.body().get("certificate").deepCopy();
        assertEquals("REVOKED", kept.remove("status").asText(), "a revoked plan's certificate is REVOKED");
        ((com.fasterxml.jackson.databind.node.ObjectNode) cert).remove("status");
        assertEquals(cert, kept, "the certificate stays for the record");
        assertEquals(409, act(city, id, "WITHDRAW", null).status());

        Api.Reply history = api().get("/api/plans/" + id + "/history", city);
        assertTrue(history.body().get("chainVerified").asBoolean(), history.raw());
        List<String> types = new ArrayList<>();
        history.body().get("items").forEach(e -> types.add(e.get("type").asText()));
        assertEquals(List.of("SUBMITTED", "EVALUATED", "ACTION", "REVISED", "EVALUATED", "ACTION", "VOTE", "VOTE",
                "ACTION", "TALLY", "VOTE", "RECUSAL", "VOTE", "ACTION", "TALLY", "CERTIFIED", "ACTION"), types);
        JsonNode first = history.body().get("items").get(0);
        assertEquals(1, first.get("seq").asInt());
        assertEquals("CITY", first.get("role").asText());
        assertEquals(1, first.get("ruleSet").get("version").asInt());
        JsonNode last = history.body().get("items").get(types.size() - 1);
        assertEquals("CERTIFIED", last.get("stateBefore").asText());
        assertEquals("REVOKED", last.get("stateAfter").asText());
        assertEquals("not delivered", last.get("comment").asText());

        api().jdbi().useHandle(h -> h.execute("UPDATE events SET comment = 'edited' WHERE plan_id = ? AND seq = 3", id));
        assertFalse(api().get("/api/plans/" + id + "/history", office).body().get("chainVerified").asBoolean());
    }

    @Test
    void withoutQuorumTheCloseIsRefusedWithTheReasonInBothLanguagesAndTheRoundStaysOpen() {
        String id = inSubcommittee();
        assertEquals(200, vote(s2, id, "APPROVE").status());
        Api.Reply r = act(office, id, "CLOSE_VOTE", null);
        assertEquals(409, r.status(), r.raw());
        assertEquals("no quorum: 1 of 3 present, 2 needed", r.body().get("message").asText());
        assertFalse(r.body().get("reason").get("th").asText().isBlank());
        assertEquals(200, vote(s3, id, "REJECT").status());
        assertEquals(200, vote(s1, id, "REJECT").status());
        Api.Reply rejected = act(s1, id, "CLOSE_VOTE", null);
        assertEquals("REJECTED", state(rejected), rejected.raw());
    }

    @Test
    void rolesThatMayNeverActGet403AndOtherCitiesGet404() {
        String id = submit("phuket-livable-pass");
        assertEquals(403, act(city, id, "FORWARD", null).status());
        assertEquals(403, act(office, id, "WITHDRAW", null).status());
        assertEquals(403, act(api().token(Role.REVIEWER, null, null, false), id, "FORWARD", null).status());
        assertEquals(403, vote(office, id, "APPROVE").status());
        assertEquals(404, act(api().city("someone-else"), id, "WITHDRAW", null).status());
        assertEquals(404, act(office, UUID.randomUUID().toString(), "FORWARD", null).status());
        assertEquals(422, act(office, id, "PUBLISH", null).status());
        Api.Reply withdrawn = act(city, id, "WITHDRAW", null);
        assertEquals("WITHDRAWN", state(withdrawn));
        Api.Reply revise = api().reply(api().request("/api/plans/" + id, city)
                .put(jakarta.ws.rs.client.Entity.json(Api.example("phuket-livable-pass"))));
        assertEquals(409, revise.status(), "a withdrawn plan is not revised");
    }

    @Test
    void parallelVotesAndClosesMakeExactlyOneTransitionAndLoseNoVote() throws Exception {
        String id = inSubcommittee();
        List<Callable<Api.Reply>> calls = new ArrayList<>();
        for (String member : List.of(s1, s2, s3)) {
            calls.add(() -> vote(member, id, "APPROVE"));
            calls.add(() -> act(office, id, "CLOSE_VOTE", null));
        }
        calls.add(() -> act(s1, id, "CLOSE_VOTE", null));
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<Future<Api.Reply>> futures = pool.invokeAll(calls);
        pool.shutdown();
        int acceptedVotes = 0;
        int closes = 0;
        JsonNode tally = null;
        for (int i = 0; i < futures.size(); i++) {
            Api.Reply r = futures.get(i).get();
            assertTrue(r.status() == 200 || r.status() == 409, r.raw());
            boolean isVote = i % 2 == 0 && i < 6;
            if (r.status() == 200 && isVote) {
                acceptedVotes++;
            } else if (r.status() == 200) {
                closes++;
                tally = r.body().get("tally");
            }
        }
        if (closes == 0) { // every close came before quorum: close now
            Api.Reply r = act(office, id, "CLOSE_VOTE", null);
            assertEquals(200, r.status(), r.raw());
            tally = r.body().get("tally");
            closes = 1;
        }
        assertEquals(1, closes);
        assertEquals(acceptedVotes, tally.get("present").asInt(), "every accepted vote is counted");
        JsonNode items = api().get("/api/plans/" + id + "/history", office).body().get("items");
        long transitions = 0;
        for (JsonNode e : items) {
            transitions += e.get("type").asText().equals("TALLY") ? 1 : 0;
        }
        assertEquals(1, transitions);
        assertTrue(api().get("/api/plans/" + id + "/history", office).body().get("chainVerified").asBoolean());
    }
}
