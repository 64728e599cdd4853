package th.or.depa.smartcity.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;

/**
 * Certifies plans through the API for the certificate tests: a subcommittee and a committee of three each (made once
 * per database), then submission, screening, two votes in each body and the chairs' closing of the votes.
 */
final class CertifiedPlans {

    private final Api api;
    private final String office;
    private final String subChair;
    private final String[] subMembers;
    private final String chair;
    private final String[] members;

    CertifiedPlans(Api api) {
        this.api = api;
        office = api.token(Role.OFFICE, null, null, false);
        subChair = api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", true);
        subMembers = new String[] {api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", false),
            api.token(Role.COMMITTEE, null, "SUBCOMMITTEE", false)};
        chair = api.token(Role.COMMITTEE, null, "COMMITTEE", true);
        members = new String[] {api.token(Role.COMMITTEE, null, "COMMITTEE", false),
            api.token(Role.COMMITTEE, null, "COMMITTEE", false)};
    }

    String office() {
        return office;
    }

    /** A new city's plan, certified today (on this app's clock); returns {planId, city token}. */
    String[] certify() {
        String city = api.city("org-" + UUID.randomUUID());
        Api.Reply submitted = api.post("/api/plans", city, Api.example("phuket-livable-pass"));
        assertEquals(201, submitted.status(), submitted.raw());
        String id = submitted.body().get("plan").get("id").asText();
        ok(act(office, id, "FORWARD"));
        for (String m : subMembers) {
            ok(api.post("/api/plans/" + id + "/votes", m, "{\"vote\":\"APPROVE\"}"));
        }
        ok(act(subChair, id, "CLOSE_VOTE"));
        for (String m : members) {
            ok(api.post("/api/plans/" + id + "/votes", m, "{\"vote\":\"APPROVE\"}"));
        }
        Api.Reply certified = act(chair, id, "CLOSE_VOTE");
        ok(certified);
        assertEquals("CERTIFIED", certified.body().get("plan").get("state").asText(), certified.raw());
        return new String[] {id, city};
    }

    private Api.Reply act(String token, String id, String action) {
        return api.post("/api/plans/" + id + "/actions", token, "{\"action\":\"" + action + "\"}");
    }

    private static void ok(Api.Reply r) {
        assertEquals(200, r.status(), r.raw());
    }
}
