package th.or.depa.smartcity.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The web view's responses: HTML never cached, a strict Content-Security-Policy, relative redirects. */
final class WebResponses {

    static final String HTML = "text/html; charset=UTF-8";
    /** connect-src 'self': the impact page's script polls its job; nothing else leaves the page. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private WebResponses() {
    }

    static Response html(int status, String page) {
        return secure(Response.status(status).type(HTML).entity(page)).build();
    }

    static Response.ResponseBuilder secure(Response.ResponseBuilder b) {
        return b.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
    }

    /**
     * A 303 to a path of this service, relative as sent: Jersey's resolution of a relative Location against the
     * request's Host header is switched off in SmartCityApplication, so a forged Host cannot send a user elsewhere.
     */
    static Response.ResponseBuilder redirect(String path) {
        return Response.seeOther(URI.create(path)).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
