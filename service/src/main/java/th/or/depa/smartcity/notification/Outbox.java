package th.or.depa.smartcity.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.store.NotificationDao;

/**
 * The outbox: turns each appended event into notifications (routes.properties says which, to whom) and writes them,
 * with a delivery per webhook of each recipient, in the event's own transaction. No HTTP here: the Dispatcher sends.
 * A fault here is logged and rolled back to a savepoint, so a notification never fails the request that caused it.
 * A new plan's notifications are only made here ({@link #forNewPlan}); the submission's write stores them.
 */
public final class Outbox implements EventLog.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Routes routes;
    private final ObjectMapper mapper;
    private final Supplier<Texts> texts;

    public Outbox(Routes routes, ObjectMapper mapper, Supplier<Texts> texts) {
        this.routes = routes;
        this.mapper = mapper;
        this.texts = texts;
    }

    @Override
    public void appended(Handle h, String planId, List<EventRow> events) {
        boolean guarded = h.isInTransaction();
        if (guarded) {
            h.savepoint("outbox");
        }
        try {
            NotificationDao dao = h.attach(NotificationDao.class);
            NotificationDao.PlanLine[] plan = new NotificationDao.PlanLine[1];
            for (NotificationDao.Notification n : notifications(() -> plan[0] != null ? plan[0]
                    : (plan[0] = dao.plan(planId).orElseThrow()), events)) {
                dao.insertWithDeliveries(n);
            }
            if (guarded) {
                h.releaseSavepoint("outbox");
            }
        } catch (RuntimeException fault) {
            if (guarded) {
                try {
                    h.rollbackToSavepoint("outbox");
                } catch (RuntimeException connectionGone) {
                    // no savepoint to return to: the transaction is lost as a whole, so fail it with the first fault
                    // (a lost connection there is the outage's 503, not a 500 about a savepoint)
                    fault.addSuppressed(connectionGone);
                    throw fault;
                }
            }
            LOG.error("notifications of plan {} not written (the event stands)", planId, fault);
        }
    }

    /**
     * A new plan's notifications, made in memory from the row about to be inserted (issue 18: no read of the plan, no
     * DAO, no savepoint); the write adds their deliveries. A fault here is logged and answered with none, so that the
     * submission stands: a notification never fails the request that caused it.
     */
    public List<NotificationDao.Notification> forNewPlan(NotificationDao.PlanLine plan, List<EventRow> events) {
        try {
            return notifications(() -> plan, events);
        } catch (RuntimeException fault) {
            LOG.error("notifications of plan {} not made (the submission stands)", plan.id(), fault);
            return List.of();
        }
    }

    /** What routes.properties says these events notify, to whom; the plan read only when one does. */
    private List<NotificationDao.Notification> notifications(Supplier<NotificationDao.PlanLine> planOf,
                                                             List<EventRow> events) {
        List<NotificationDao.Notification> out = new ArrayList<>();
        for (EventRow e : events) {
            var route = routes.of(e.type(), action(e));
            if (route.isEmpty() || route.get().onlyOnChange()
                    && (e.stateAfter() == null || e.stateAfter().equals(e.stateBefore()))) {
                continue;
            }
            NotificationDao.PlanLine plan = planOf.get();
            for (String recipient : recipients(route.get().recipients(), plan, e)) {
                out.add(notification(route.get().kind(), recipient, plan, e.seq(), e.type(), e.stateBefore(),
                        e.stateAfter(), data(e.data()), e.occurredAt(), null, null));
            }
        }
        return out;
    }

    private Set<String> recipients(List<String> names, NotificationDao.PlanLine plan, EventRow e) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            switch (n) {
                case "organisation" -> out.add(Recipients.organisation(plan.organisation()));
                case "bodyAfter" -> routes.bodyOf(e.stateAfter()).map(Recipients::body).ifPresent(out::add);
                case "bodyBefore" -> routes.bodyOf(e.stateBefore()).map(Recipients::body).ifPresent(out::add);
                default -> out.add(Recipients.body(n));
            }
        }
        return out;
    }

    /**
     * A notification as stored and sent: its payload is the exact JSON body each webhook receives (so every retry
     * signs the same bytes), titled in English and Thai.
     */
    NotificationDao.Notification notification(String kind, String recipient, NotificationDao.PlanLine plan,
                                              Integer seq, String event, String before, String after, Object data,
                                              Instant at, Integer days, String validUntil) {
        String id = UUID.randomUUID().toString();
        Texts t = texts.get();
        Bilingual was = t.label("state", before);
        Bilingual is = t.label("state", after);
        String cityEn = plan.city();
        String cityTh = plan.cityTh() == null || plan.cityTh().isBlank() ? plan.city() : plan.cityTh();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("kind", kind);
        p.put("recipient", recipient);
        p.put("planId", plan.id());
        p.put("reference", plan.reference());
        p.put("city", cityEn);
        p.put("eventSeq", seq);
        p.put("event", event);
        p.put("stateBefore", before);
        p.put("stateAfter", after);
        p.put("title", Map.of(
                "en", NotificationTexts.title(kind, "en", cityEn, was.en(), is.en(), days, validUntil),
                "th", NotificationTexts.title(kind, "th", cityTh, was.th(), is.th(), days, validUntil)));
        if (days != null) {
            p.put("days", days);
            p.put("validUntil", validUntil);
        }
        p.put("data", data);
        p.put("createdAt", at.toString());
        try {
            return new NotificationDao.Notification(id, recipient, kind, plan.id(), seq, mapper.writeValueAsString(p),
                    at);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String action(EventRow e) {
        if (!"ACTION".equals(e.type())) {
            return null;
        }
        JsonNode d = data(e.data());
        return d != null && d.hasNonNull("action") ? d.get("action").asText() : null;
    }

    private JsonNode data(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
