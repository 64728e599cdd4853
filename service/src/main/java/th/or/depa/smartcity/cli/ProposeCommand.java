package th.or.depa.smartcity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import th.or.depa.smartcity.engine.RuleFiles;

/**
 * propose --token T --note N [--url U] DIR: uploads a rules folder to a running service as a proposal (POST
 * /api/rulesets with a reviewer's token), for reviewers who keep the rules in git. Prints the version it is stored
 * as; exit 0 stored, 1 refused (each error as file:line: message), 2 anything else (unreachable, a token that may
 * not propose, the same files already stored).
 */
public class ProposeCommand extends Command {

    public static final int STORED = 0;
    public static final int REFUSED = 1;
    public static final int FAILED = 2;

    public ProposeCommand() {
        super("propose", "Upload a rules folder to the service as a proposal (a second reviewer activates it)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--token").required(true).help("a REVIEWER's bearer token");
        subparser.addArgument("--note").setDefault("").help("what the proposal changes and why");
        subparser.addArgument("--url").setDefault("http://localhost:8080").help("the service (default %(default)s)");
        subparser.addArgument("dir").help("the rules folder to propose");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace ns) {
        Cli.exit(propose(ns.getString("url"), ns.getString("token"), ns.getString("note"), Path.of(ns.getString("dir")),
                bootstrap.getObjectMapper(), System.out, System.err));
    }

    /** The exit status; the version on out, or why not on err. */
    public static int propose(String url, String token, String note, Path dir, ObjectMapper mapper, PrintStream out,
                              PrintStream err) {
        String body;
        try {
            ObjectNode proposal = mapper.createObjectNode();
            proposal.set("files", mapper.valueToTree(RuleFiles.readFolder(dir).files()));
            proposal.put("note", note);
            body = mapper.writeValueAsString(proposal);
        } catch (IOException | RuntimeException e) {
            err.println(dir + ": " + e.getMessage());
            return FAILED;
        }
        HttpResponse<String> answer;
        URI target = URI.create(url.replaceAll("/+$", "") + "/api/rulesets");
        try {
            // a proposal is compiled and its rule tests run before the answer: seconds, a minute at worst
            answer = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                    HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(180))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            err.println(target + ": not reachable (" + e + ")");
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
        JsonNode reply = json(mapper, answer.body());
        if (answer.statusCode() == 201) {
            out.println("stored as version " + reply.path("version").asInt() + " (PROPOSED): another reviewer "
                    + "activates it with POST /api/rulesets/" + reply.path("version").asInt() + "/activate");
            return STORED;
        }
        if (answer.statusCode() == 422) {
            for (JsonNode e : reply.path("errors")) {
                err.println(e.has("file") ? e.path("file").asText() + ":" + e.path("line").asInt() + ": "
                        + e.path("message").asText() : e.path("field").asText() + ": " + e.path("message").asText());
            }
            err.println(dir + ": refused, " + reply.path("errors").size() + " error(s); nothing was stored");
            return REFUSED;
        }
        err.println(target + ": HTTP " + answer.statusCode() + ": " + reply.path("message").asText(answer.body()));
        return FAILED;
    }

    private static JsonNode json(ObjectMapper mapper, String text) {
        try {
            return mapper.readTree(text == null || text.isEmpty() ? "{}" : text);
        } catch (IOException notJson) {
            return mapper.createObjectNode();
        }
    }
}
