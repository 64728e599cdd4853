package th.or.depa.smartcity.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import th.or.depa.smartcity.SmartCityConfiguration;
import th.or.depa.smartcity.support.Api;
import th.or.depa.smartcity.support.TestApps;
import th.or.depa.smartcity.support.TestDatabases;

/** Without WEBHOOK_ALLOW_PRIVATE a webhook cannot point inside: the attacks, through the API and the guard itself. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UrlGuardTest {

    static final DropwizardAppExtension<SmartCityConfiguration> APP = TestApps.on(TestDatabases.freshH2(),
            ConfigOverride.config("webhooks.allowPrivate", "false"));

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8081/tasks/log-level", "http://localhost/", "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://2130706433/", "http://0x7f000001/",
        "http://user:pw@example.com/", "ftp://example.com/", "file:///etc/passwd", "http://172.16.0.1/",
        "http://192.168.1.1/", "http://100.64.0.1/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/", "http://[fc00::1]/", "http://224.0.0.1/", "http://127.1/", "http://0177.0.0.1/",
        "http://[::]/", "http://[64:ff9b::a00:1]/"})
    void anAddressInsideIsRefusedNamingUrl(String url) {
        String city = new Api(APP).city("org-" + UUID.randomUUID());
        Api.Reply r = new Api(APP).post("/api/webhooks", city, "{\"url\":\"" + url + "\"}");
        assertEquals(422, r.status(), url + " " + r.raw());
        assertEquals("url", r.body().get("errors").get(0).get("field").asText());
        WebhookRefused e = assertThrows(WebhookRefused.class, () -> new UrlGuard(false).check(url));
        assertEquals("url", e.field());
    }

    @Test
    void aPublicAddressIsAccepted() {
        assertEquals("93.184.215.14", new UrlGuard(false).check("https://93.184.215.14/hook").getHost());
    }

    @Test
    void theFlagLetsLoopbackThroughButNotOtherSchemes() {
        new UrlGuard(true).check("http://127.0.0.1:9/x");
        assertThrows(WebhookRefused.class, () -> new UrlGuard(true).check("gopher://127.0.0.1/"));
    }
}
