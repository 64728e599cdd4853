package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.Http;
import th.or.depa.smartcity.support.TestApps;

/**
 * RATE_LIMIT_PER_MINUTE on the city's web forms, per database (FormRateLimitH2Test, FormRateLimitPostgresTest): the
 * forms count in the same window as the API, so a city cannot double its rate by switching channel, and a form past
 * it is a 429 page with Retry-After that stores nothing.
 */
abstract class FormRateLimitContract {

    static final int LIMIT = 3;

    static DropwizardAppExtension<SmartCityConfiguration> appOn(String databaseUrl) {
        return TestApps.on(databaseUrl, ConfigOverride.config("rateLimitPerMinute", String.valueOf(LIMIT)));
    }

    abstract DropwizardAppExtension<SmartCityConfiguration> app();

    HttpResponse<String> submitByForm(WebForms web, String cookie) throws Exception {
        HttpResponse<String> page = web.get("/ui/submit", cookie);
        assertEquals(200, page.statusCode(), page.body());
        return new MultipartForm().field("csrf", WebForms.hidden(page.body(), "csrf"))
                .field("key", WebForms.hidden(page.body(), "key")).file("file", "", new byte[0])
                .field("plan", Api.example("phuket-livable-pass"))
                .post("http://localhost:" + app().getLocalPort() + "/ui/submit", cookie);
    }

    @Test
    void theFormsShareTheApisWindowAndPastItStoreNothing() throws Exception {
        Api api = new Api(app());
        Http http = Http.local(app().getLocalPort());
        WebForms web = new WebForms(app());
        String city = api.city("rl-web-" + UUID.randomUUID());
        String cookie = web.session(city);
        for (int i = 0; i < LIMIT - 1; i++) {
            assertEquals(201, http.post("/api/plans", city, null, Api.example("phuket-livable-pass")).status());
        }
        assertEquals(303, submitByForm(web, cookie).statusCode(), "the third in the minute, by form");

        HttpResponse<String> refused = submitByForm(web, cookie);
        assertEquals(429, refused.statusCode(), refused.body());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After: " + retryAfter);
        assertTrue(refused.body().contains(String.valueOf(LIMIT)), "the page names the rate: " + refused.body());
        assertEquals(429, http.post("/api/plans", city, null, Api.example("phuket-livable-pass")).status(),
                "the API counts the form's submission too");
        assertEquals(LIMIT, api.get("/api/plans", city).body().get("total").asInt(), "nothing stored past the rate");
    }
}
