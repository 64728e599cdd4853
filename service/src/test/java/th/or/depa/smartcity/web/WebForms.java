package th.or.depa.smartcity.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import th.or.depa.smartcity.SmartCityConfiguration;

/** The web view as a browser without JavaScript uses it: signs in through the form, gets pages, posts forms. */
final class WebForms {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final DropwizardAppExtension<SmartCityConfiguration> app;

    WebForms(DropwizardAppExtension<SmartCityConfiguration> app) {
        this.app = app;
    }

    HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> post(String path, String form, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Signs in through the form (its CSRF cookie and field) and returns the session's Cookie header value. */
    String session(String token) throws Exception {
        HttpResponse<String> form = get("/ui/signin", null);
        String signinCookie = cookie(form, WebResource.SIGNIN_COOKIE);
        HttpResponse<String> r = post("/ui/signin", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&csrf=" + hidden(form.body(), "csrf"), signinCookie);
        assertEquals(303, r.statusCode(), r.body());
        return cookie(r, WebResource.COOKIE);
    }

    static String cookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    /** The value of the page's first hidden input of this name. */
    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"" + name + "\" value=\"([^\"]*)\"/>").matcher(html);
        assertTrue(m.find(), "no hidden " + name + " in " + html);
        return m.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + app.getLocalPort() + path);
    }
}
