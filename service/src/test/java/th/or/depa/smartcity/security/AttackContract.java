package th.or.depa.smartcity.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;

/**
 * What an attacker sends through the real API, per database (AttackH2Test, AttackPostgresTest): names that a
 * spreadsheet would run as formulas, texts PostgreSQL would alter, bodies that are not JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AttackContract {

    abstract Api api();

    abstract int port();

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    String city;
    String office;

    @BeforeAll
    void users() {
        city = api().city("org-" + UUID.randomUUID());
        office = api().token(Role.OFFICE, null, null, false);
    }

    String plan(String cityName, String cityTh) throws Exception {
        ObjectNode plan = (ObjectNode) JSON.readTree(Api.example("phuket-livable-pass"));
        ((ObjectNode) plan.get("city")).put("name", cityName).put("nameTh", cityTh);
        return JSON.writeValueAsString(plan);
    }

    /** A request with exactly this Content-Type (null: none at all) and body. */
    HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return Http.local(port()).send(method, path, city, contentType, body).response();
    }

    long stored() {
        return api().get("/api/plans", city).body().get("total").asLong();
    }

    @Test
    void aCityNamedLikeAFormulaIsTextInTheDecisionsCsv() throws Exception {
        String hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
        String dde = "-2+3+cmd|' /C calc'!A0";
        Api.Reply r = api().post("/api/plans", city, plan(hyperlink, dde));
        assertEquals(201, r.status(), r.raw());
        String id = r.body().path("plan").path("id").asText();
        assertEquals(hyperlink, r.body().path("plan").path("city").asText(), "the plan keeps the name as sent");

        HttpResponse<String> csv = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port()
                + "/api/reports/decisions?format=csv")).header("Authorization", "Bearer " + office).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, csv.statusCode());
        List<List<String>> rows = th.or.depa.smartcity.report.CsvReader.parse(csv.body().substring(1));
        List<String> header = rows.get(0);
        List<String> row = rows.stream().filter(x -> x.get(0).equals(id)).findFirst().orElseThrow();
        assertEquals("'" + hyperlink, row.get(header.indexOf("city")));
        assertEquals("'" + dde, row.get(header.indexOf("cityTh")));
        for (List<String> line : rows) {
            for (String cell : line) {
                assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0, "a cell a spreadsheet runs: " + cell);
            }
        }
    }

    @Test
    void aLoneSurrogateAnywhereIsA422NamingTheFieldAndNothingIsStored() throws Exception {
        long before = stored();
        List<String> wrong = new ArrayList<>();
        String valid = plan("Phuket City", "นครภูเก็ต");
        // "\ud800" as JSON escapes it in a value, a lone low half, in an unknown field, and in a key (named at its object)
        List<String[]> cases = List.of(
                new String[] {valid.replace("\"Phuket City\"", "\"Phuket \\ud800 City\""), "city.name"},
                new String[] {valid.replace("\"Phuket City\"", "\"Phuket \\udc00\""), "city.name"},
                new String[] {valid.replace("\"city\":{", "\"city\":{\"a\\ud800\":1,"), "city"},
                new String[] {valid.replace("\"city\":{", "\"city\":{\"x\":\"\\ud83d\",\"y\":1,"), "city.x"});
        for (String[] c : cases) {
            for (String path : List.of("/api/plans", "/api/evaluate")) {
                Http.Answer a = Http.local(port()).post(path, city, null, c[0]);
                JsonNode field = a.body() == null ? null : a.body().path("errors").path(0).path("field");
                if (a.status() != 422 || field == null || !field.asText().equals(c[1])) {
                    wrong.add(path + " " + c[1] + ": " + a.status() + " " + a.raw());
                }
            }
        }
        String paired = valid.replace("\"Phuket City\"", "\"Phuket \\ud83d\\ude00\"");
        assertEquals(201, api().post("/api/plans", city, paired).status(), "a pair (an emoji) is a character like any other");
        String id = api().post("/api/plans", city, valid).body().path("plan").path("id").asText();
        Http.Answer comment = Http.local(port()).post("/api/plans/" + id + "/actions", city, null,
                "{\"action\":\"WITHDRAW\",\"comment\":\"bye \\ud800\"}");
        if (comment.status() != 422 || !comment.body().path("errors").path(0).path("field").asText().equals("comment")) {
            wrong.add("action comment: " + comment.status() + " " + comment.raw());
        }
        assertEquals(List.of(), wrong);
        assertEquals(before + 2, stored(), "only the emoji plan and the valid one were stored");
        assertEquals("Phuket \uD83D\uDE00", api().get("/api/plans", city).body().path("items").findValuesAsText("city")
                .stream().filter(n -> n.startsWith("Phuket \uD83D")).findFirst().orElseThrow(), "stored as sent");
    }

    @Test
    void aBodyThatIsNotJsonIs415WithAJsonBody() throws Exception {
        long before = stored();
        String plan = plan("Phuket City", "นครภูเก็ต");
        List<String> wrong = new ArrayList<>();
        for (String type : new String[] {"text/plain", "application/xml", null, "application/x-www-form-urlencoded",
                "text/json", "application/jsonp", "*/*"}) {
            for (String[] call : new String[][] {{"POST", "/api/plans"}, {"POST", "/api/evaluate"},
                    {"PUT", "/api/plans/" + UUID.randomUUID()}, {"POST", "/api/plans/" + UUID.randomUUID() + "/actions"}}) {
                HttpResponse<String> r = send(call[0], call[1], type, plan);
                JsonNode body = r.body().isEmpty() ? null : JSON.readTree(r.body());
                if (r.statusCode() != 415 || body == null || body.path("code").asInt() != 415
                        || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                    wrong.add(call[1] + " as " + type + ": " + r.statusCode() + " " + r.body());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(before, stored(), "nothing was stored");
        assertEquals(201, send("POST", "/api/plans", "application/json; charset=UTF-8", plan).statusCode());
        assertEquals(200, send("POST", "/api/evaluate", "Application/JSON", plan).statusCode());
        HttpResponse<String> anonymous = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port()
                + "/api/plans")).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(plan))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), "who you are is asked first");
    }
}
