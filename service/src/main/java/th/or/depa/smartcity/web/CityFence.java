package th.or.depa.smartcity.web;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.report.Html;
import th.or.depa.smartcity.store.UserDao;

/**
 * Keeps a city's session out of the web view's reports over every plan (/ui/decisions and what hangs below it: the
 * page, the CSV, any later format): a 403 page before the report is read, as GET /api/reports is 403 to a CITY.
 * Bound to WebResource's methods by their path, so the report methods themselves stay as they are.
 */
public final class CityFence implements DynamicFeature {

    private static final String REPORTS = "/decisions";

    private final Viewers viewers;

    public CityFence(Sessions sessions, Jdbi jdbi) {
        this.viewers = new Viewers(sessions, jdbi.onDemand(UserDao.class));
    }

    @Override
    public void configure(ResourceInfo info, FeatureContext context) {
        jakarta.ws.rs.Path path = info.getResourceMethod().getAnnotation(jakarta.ws.rs.Path.class);
        if (info.getResourceClass() == WebResource.class && path != null && path.value().startsWith(REPORTS)) {
            context.register((ContainerRequestFilter) this::refuseCities, Priorities.AUTHORIZATION);
        }
    }

    private void refuseCities(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(WebResource.COOKIE);
        viewers.find(cookie == null ? null : cookie.getValue()).filter(v -> v.user().role() == Role.CITY)
                .ifPresent(v -> {
                    Map<String, Object> model = RuleSetViews.message(v, WebMessages.of("web.refused"),
                            WebMessages.of("web.forbidden"), List.of(), "/ui/plans");
                    model.put("backLabel", Html.both(WebMessages.of("planForm.back")));
                    request.abortWith(WebResponses.html(403, Templates.render("message", model)));
                });
    }
}
