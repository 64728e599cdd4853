package th.or.depa.smartcity.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.PlanVariants;

/**
 * Load without loss, run per database (LoadH2Test, LoadPostgresTest): many clients at once, with retries, lose and
 * double nothing. The number of submissions is the system property {@code load.submissions}; by default 10,000 on
 * PostgreSQL and 5,000 on H2, so that each stays within about two minutes on a 2-core CI machine at ~90 submissions/s.
 */
abstract class LoadContract {

    static final int CLIENTS = 64;

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    /** Submissions when load.submissions is not set. */
    abstract int defaultSubmissions();

    Api api() {
        return new Api(app());
    }

    Http http() {
        return Http.local(app().getLocalPort());
    }

    @Test
    void submissionsFrom64ClientsWithRetriesAreEachStoredExactlyOnce() throws Exception {
        int count = Integer.getInteger("load.submissions", defaultSubmissions());
        List<String> cities = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            cities.add(api().city("load-city-" + i));
        }
        String run = "r" + UUID.randomUUID().toString().substring(0, 8);
        SubmissionLoad load = new SubmissionLoad(http(), cities, run, 20, 50);

        long start = System.nanoTime();
        load.submitAll(count, CLIENTS, 120 + count / 10);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("load on %s: %d submissions from %d clients in %.1f s (%.0f/s); %s%n",
                getClass().getSimpleName(), count, CLIENTS, seconds, count / seconds, load.summary());

        assertEquals(List.of(), load.problems());
        assertEquals(count, load.acknowledged());
        assertTrue(load.replays() > 0);
        StoredPlans.assertEachStoredOnce(api().jdbi(), api().recordKey(), http(), run, load.acks());

        // the record check above is not vacuous: one edited event is found
        String edited = load.acks().get(count / 2).planId();
        api().jdbi().useHandle(h -> h.execute("UPDATE events SET actor = 'someone else' WHERE plan_id = ?", edited));
        assertEquals(List.of(edited), StoredPlans.brokenRecords(api().jdbi(), api().recordKey(), PlanVariants.referenceLike(run)));
    }

    /** WorkflowApiContract races votes and closes on one plan; here on many at once, so that the race really runs. */
    @Test
    void parallelVotesAndClosesOnManyPlansMakeExactlyOneTransitionEachAndLoseNoVote() throws Exception {
        String office = api().token(Role.OFFICE, null, null, false);
        List<String> members = List.of(api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", true),
                api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false),
                api().token(Role.COMMITTEE, null, "SUBCOMMITTEE", false));
        String city = api().city("race-city");
        Http http = http();
        List<String> plans = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Http.Answer submitted = http.post("/api/plans", city, null, Api.example("phuket-livable-pass"));
            assertEquals(201, submitted.status(), submitted.raw());
            String id = submitted.body().get("plan").get("id").asText();
            Http.Answer forwarded = http.post("/api/plans/" + id + "/actions", office, null, "{\"action\":\"FORWARD\"}");
            assertEquals(200, forwarded.status(), forwarded.raw());
            plans.add(id);
        }
        // for every plan: three votes and three closes (office and chair), all sent at once across the plans
        record Call(String plan, boolean vote, Callable<Http.Answer> send) {
        }
        List<Call> calls = new ArrayList<>();
        for (String id : plans) {
            for (String member : members) {
                calls.add(new Call(id, true, () -> http.post("/api/plans/" + id + "/votes", member, null,
                        "{\"vote\":\"APPROVE\"}")));
            }
            for (String closer : List.of(office, office, members.get(0))) {
                calls.add(new Call(id, false, () -> http.post("/api/plans/" + id + "/actions", closer, null,
                        "{\"action\":\"CLOSE_VOTE\"}")));
            }
        }
        java.util.Collections.shuffle(calls, new java.util.Random(9));
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Http.Answer>> answers = pool.invokeAll(calls.stream().map(Call::send).toList());
        pool.shutdown();

        for (String id : plans) {
            int votes = 0;
            int closes = 0;
            JsonNode tally = null;
            for (int i = 0; i < calls.size(); i++) {
                if (!calls.get(i).plan().equals(id)) {
                    continue;
                }
                Http.Answer a = answers.get(i).get();
                assertTrue(a.status() == 200 || a.status() == 409, a.status() + " " + a.raw());
                if (a.status() == 200 && calls.get(i).vote()) {
                    votes++;
                } else if (a.status() == 200) {
                    closes++;
                    tally = a.body().get("tally");
                }
            }
            if (closes == 0) { // every close came before quorum: close now
                Http.Answer a = http.post("/api/plans/" + id + "/actions", office, null, "{\"action\":\"CLOSE_VOTE\"}");
                assertEquals(200, a.status(), a.raw());
                tally = a.body().get("tally");
                closes = 1;
            }
            assertEquals(1, closes, "plan " + id + " was closed once");
            assertEquals(votes, tally.get("present").asInt(), "plan " + id + ": every accepted vote is in the tally");
            Http.Answer history = http.get("/api/plans/" + id + "/history", office);
            int tallies = 0;
            for (JsonNode e : history.body().get("items")) {
                tallies += e.get("type").asText().equals("TALLY") ? 1 : 0;
            }
            assertEquals(1, tallies, "plan " + id + " has one tally in its record");
            assertTrue(history.body().get("chainVerified").asBoolean(), history.raw());
        }
    }
}
