package th.or.depa.smartcity.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.notification.Recipients;
import th.or.depa.smartcity.report.Html;
import th.or.depa.smartcity.store.NotificationDao;
import th.or.depa.smartcity.store.UserDao;

/**
 * /ui/inbox: the signed-in user's notifications, newest first, each titled in Thai and English and linked to its
 * plan. A CITY reads its organisation's, a COMMITTEE member its body's, OFFICE and ADMIN all (Recipients.readBy).
 */
@Path("/ui/inbox")
public class InboxPage {

    private static final int SHOWN = 200;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Viewers viewers;
    private final Jdbi jdbi;
    private final Clock clock;

    public InboxPage(Sessions sessions, Jdbi jdbi, Clock clock) {
        this.viewers = new Viewers(sessions, jdbi.onDemand(UserDao.class));
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @GET
    public Response get(@CookieParam(WebResource.COOKIE) String session) {
        Optional<Viewer> viewer = viewers.find(session);
        if (viewer.isEmpty()) {
            return WebResponses.redirect("/ui/signin").build();
        }
        List<String> of = Recipients.readBy(viewer.get().user());
        NotificationDao dao = jdbi.onDemand(NotificationDao.class);
        List<Map<String, Object>> items = dao.newest(of, SHOWN).stream().map(InboxPage::item).toList();
        Map<String, Object> m = WebPages.page(viewer.get(), WebMessages.of("inbox.title"), "inbox");
        m.put("items", items);
        m.put("hasItems", !items.isEmpty());
        m.put("recent", dao.countSince(of, clock.instant().minus(Duration.ofDays(7))));
        return WebResponses.html(200, Templates.render("inbox", m));
    }

    private static Map<String, Object> item(NotificationDao.Notification n) {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonNode p;
        try {
            p = MAPPER.readTree(n.payload());
        } catch (Exception unreadable) {
            p = MAPPER.createObjectNode();
        }
        JsonNode title = p.path("title");
        m.put("id", n.id());
        m.put("kind", n.kind());
        m.put("when", Html.time(n.createdAt()));
        m.put("title", Html.both(new Bilingual(title.path("en").asText(n.kind()), title.path("th").asText(n.kind()))));
        m.put("planId", n.planId());
        m.put("plan", p.path("reference").isTextual() ? p.path("reference").asText() : p.path("city").asText(""));
        return m;
    }
}
