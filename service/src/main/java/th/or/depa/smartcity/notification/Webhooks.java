package th.or.depa.smartcity.notification;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.store.OrganisationDao;
import th.or.depa.smartcity.store.WebhookDao;

/**
 * Webhooks of an organisation (registered by its CITY users) or a body (by its COMMITTEE members); an ADMIN names the
 * owner and sees all. Another owner's webhook is as absent as a missing one. The secret is shown once, at creation.
 */
public final class Webhooks {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A webhook as its owner sees it; secret only in the answer to its creation. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record View(String id, String owner, String url, Instant createdAt, String secret) {
    }

    public record Log(View webhook, List<WebhookDao.Delivery> deliveries, List<WebhookDao.Attempt> attempts) {
    }

    private final Jdbi jdbi;
    private final UrlGuard guard;
    private final Clock clock;

    public Webhooks(Jdbi jdbi, UrlGuard guard, Clock clock) {
        this.jdbi = jdbi;
        this.guard = guard;
        this.clock = clock;
    }

    public View register(User user, String url, String secret, String organisation, String body) {
        String owner = owner(user, organisation, body);
        guard.check(url);
        if (secret != null && (secret.length() < 32 || secret.length() > 200)) {
            throw WebhookRefused.field(422, "secret", "refused.secret");
        }
        String s = secret != null ? secret : generated();
        WebhookDao.Webhook w = new WebhookDao.Webhook(UUID.randomUUID().toString(), owner, url.strip(), s, user.id(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), true);
        jdbi.onDemand(WebhookDao.class).insert(w);
        return new View(w.id(), w.owner(), w.url(), w.createdAt(), s);
    }

    public List<View> list(User user) {
        String owner = user.role() == Role.ADMIN ? null : ownOwner(user);
        return jdbi.onDemand(WebhookDao.class).list(owner).stream().map(Webhooks::view).toList();
    }

    public boolean delete(User user, String id) {
        return jdbi.inTransaction(h -> {
            WebhookDao dao = h.attach(WebhookDao.class);
            if (dao.find(id).filter(w -> mayManage(user, w)).isEmpty()) {
                return false;
            }
            dao.deactivate(id);
            dao.cancelPending(id);
            return true;
        });
    }

    /** The delivery log of a webhook its owner (or an ADMIN) reads: newest deliveries, every attempt. */
    public Optional<Log> log(User user, String id) {
        return jdbi.withHandle(h -> {
            WebhookDao dao = h.attach(WebhookDao.class);
            return dao.find(id).filter(w -> mayManage(user, w))
                    .map(w -> new Log(view(w), dao.deliveries(id, 500), dao.attempts(id)));
        });
    }

    private static boolean mayManage(User user, WebhookDao.Webhook w) {
        return user.role() == Role.ADMIN || w.owner().equals(Recipients.ownerOf(user));
    }

    private String owner(User user, String organisation, String body) {
        if (user.role() != Role.ADMIN) {
            if (organisation != null || body != null) {
                throw WebhookRefused.field(422, organisation != null ? "organisation" : "body", "refused.owner");
            }
            return ownOwner(user);
        }
        if ((organisation == null) == (body == null)) {
            throw WebhookRefused.field(422, "organisation", "refused.owner");
        }
        if (body != null) {
            if (!Recipients.BODIES.contains(body)) {
                throw WebhookRefused.field(422, "body", "refused.owner");
            }
            return Recipients.body(body);
        }
        if (jdbi.onDemand(OrganisationDao.class).find(organisation).isEmpty()) {
            throw WebhookRefused.field(422, "organisation", "refused.owner");
        }
        return Recipients.organisation(organisation);
    }

    private static String ownOwner(User user) {
        String owner = Recipients.ownerOf(user);
        if (owner == null) {
            throw WebhookRefused.field(403, "", "refused.role");
        }
        return owner;
    }

    private static View view(WebhookDao.Webhook w) {
        return new View(w.id(), w.owner(), w.url(), w.createdAt(), null);
    }

    private static String generated() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
