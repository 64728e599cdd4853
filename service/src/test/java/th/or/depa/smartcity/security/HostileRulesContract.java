package th.or.depa.smartcity.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.TestRules;

/**
 * A reviewer's token proposes each file of the hostile corpus (src/test/resources/hostile/, one attack a file) beside
 * the bundled rules, through the API: each is refused with 422 naming that file, nothing is stored, and while the
 * proposal is judged the service answers another user within 2 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileRulesContract {

    static final Path CORPUS = Path.of("src/test/resources/hostile");
    static final ObjectMapper JSON = new ObjectMapper();

    abstract Api api();

    abstract Http http();

    String reviewer;
    String city;

    @BeforeAll
    void users() {
        reviewer = api().token(Role.REVIEWER, null, null, false);
        city = api().city("org-" + UUID.randomUUID());
    }

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aHostileRuleFileIsRefusedNamingItNothingIsStoredAndOthersAreServed(String name) throws Exception {
        String path = "criteria/hostile-" + name;
        Map<String, String> files = new TreeMap<>(RuleFiles.readFolder(TestRules.BUNDLED).files());
        files.put(path, Files.readString(CORPUS.resolve(name)));
        int versionsBefore = versions();

        CompletableFuture<Http.Answer> proposal = CompletableFuture.supplyAsync(() -> propose(files));
        long slowest = 0;
        while (!proposal.isDone()) {
            long start = System.nanoTime();
            Http.Answer other = http().get("/api/plans", city);
            slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
            assertEquals(200, other.status(), other.raw());
            Thread.sleep(200);
        }
        Http.Answer refused = proposal.get();

        assertEquals(422, refused.status(), refused.raw());
        assertTrue(refused.raw().contains(path), "the refusal names the file: " + refused.raw());
        assertFalse(refused.raw().contains("rule-run-") || refused.raw().contains("qtp")
                || refused.raw().contains("dw-"), "no thread of the service is named: " + refused.raw());
        assertEquals(versionsBefore, versions(), "nothing is stored");
        assertTrue(slowest < 2000, "another user waited " + slowest + " ms");
    }

    private Http.Answer propose(Map<String, String> files) {
        ObjectNode body = JSON.createObjectNode();
        body.set("files", JSON.valueToTree(files));
        body.put("note", "hostile");
        try {
            return http().post("/api/rulesets", reviewer, null, body.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int versions() throws IOException {
        return http().get("/api/rulesets", reviewer).body().get("items").size();
    }
}
