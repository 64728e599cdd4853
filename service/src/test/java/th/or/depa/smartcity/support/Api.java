package th.or.depa.smartcity.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.UserService;
import th.or.depa.smartcity.history.RecordKey;
import th.or.depa.smartcity.organisation.OrganisationRefused;
import th.or.depa.smartcity.organisation.Organisations;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.store.OrganisationDao;

/**
 * A small HTTP client for tests against a running app: users with tokens, JSON in and out. Its Apache client retries
 * a 429 or 503 by itself after Retry-After, so a test that must see those answers uses {@link Http}.
 */
public final class Api {

    public static final Path EXAMPLES = Path.of("../examples");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DropwizardAppExtension<SmartCityConfiguration> app;

    public Api(DropwizardAppExtension<SmartCityConfiguration> app) {
        this.app = app;
    }

    /** The response's status and JSON body (null when the body is empty or not JSON). */
    public record Reply(int status, JsonNode body, String raw, Response response) {
    }

    public Jdbi jdbi() {
        var db = app.getConfiguration().getDatabase();
        return Jdbi.create(db.getUrl(), db.getUser(), db.getPassword()).installPlugin(new SqlObjectPlugin());
    }

    /** The key the app signs its record with (the same source as the service and the CLI: config record.*). */
    public RecordKey recordKey() {
        return recordKey(app.getConfiguration());
    }

    public static RecordKey recordKey(SmartCityConfiguration config) {
        return RecordKey.load(config.getRecord().getKey(), config.getRecord().getKeyFile(), false);
    }

    /** The province {@link #city(String)} registers an organisation in: most examples are Phuket's. */
    public static final String DEFAULT_PROVINCE = "Phuket";

    /** A user's token; a CITY's organisation is registered first (in {@link #DEFAULT_PROVINCE}) if it is not yet. */
    public String token(Role role, String org, String body, boolean chair) {
        if (role == Role.CITY && org != null) {
            organisation(org, DEFAULT_PROVINCE);
        }
        return new UserService(jdbi(), recordKey(), Clock.systemUTC()).create("test " + role, role, org, body, chair).token();
    }

    /** A CITY token of an organisation registered in Phuket (the province of most examples). */
    public String city(String org) {
        return city(org, DEFAULT_PROVINCE);
    }

    /** A CITY token of an organisation registered in province (as the service names it, e.g. "Nakhon Ratchasima"). */
    public String city(String org, String province) {
        organisation(org, province);
        return token(Role.CITY, org, null, false);
    }

    /** Registers the organisation (through the service's own path, by the command line) unless it already is. */
    public void organisation(String id, String province) {
        Jdbi jdbi = jdbi();
        if (jdbi.onDemand(OrganisationDao.class).find(id).isPresent()) {
            return;
        }
        try {
            new Organisations(jdbi, Provinces.load(), recordKey(), Clock.systemUTC()).create(null,
                    new Organisations.Fields(id, "หน่วยงานทดสอบ " + id, "Test organisation " + id, province,
                            "MUNICIPALITY"));
        } catch (OrganisationRefused e) {
            if (e.status() != 409) { // 409: another test thread registered it first
                throw e;
            }
        }
    }

    /** An example plan with its city.province set to province (for a city registered elsewhere than the example). */
    public static String example(String name, String province) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode plan = (com.fasterxml.jackson.databind.node.ObjectNode)
                    MAPPER.readTree(example(name));
            ((com.fasterxml.jackson.databind.node.ObjectNode) plan.get("city")).put("province", province);
            return MAPPER.writeValueAsString(plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String example(String name) {
        try {
            return Files.readString(EXAMPLES.resolve(name + ".plan.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app's own address, as a client outside the test would use it. */
    public String url() {
        return "http://localhost:" + app.getLocalPort();
    }

    public Invocation.Builder request(String path, String token) {
        Invocation.Builder b = app.client().target("http://localhost:" + app.getLocalPort() + path).request()
                .property(org.glassfish.jersey.client.ClientProperties.READ_TIMEOUT, 60_000); // impact runs take seconds
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    public Reply get(String path, String token) {
        return reply(request(path, token).get());
    }

    public Reply post(String path, String token, String json) {
        return reply(request(path, token).post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE)));
    }

    public static Reply reply(Response r) {
        String raw = r.hasEntity() ? r.readEntity(String.class) : "";
        JsonNode body = null;
        try {
            body = raw.isEmpty() ? null : MAPPER.readTree(raw);
        } catch (IOException notJson) {
            // leave body null; raw has the text
        }
        return new Reply(r.getStatus(), body, raw, r);
    }
}
