package th.or.depa.smartcity.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.notification.Outbox;
import th.or.depa.smartcity.plan.IdempotencyKeyReused;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.PlanService.Answer;
import th.or.depa.smartcity.plan.PlanService.PlanDetails;
import th.or.depa.smartcity.plan.ProvinceCheck;
import th.or.depa.smartcity.plan.Sha256;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.store.EventRow;
import th.or.depa.smartcity.store.IdempotencyRow;
import th.or.depa.smartcity.store.NotificationDao;
import th.or.depa.smartcity.store.PlanDao;
import th.or.depa.smartcity.store.PlanRow;
import th.or.depa.smartcity.store.StoredJson;
import th.or.depa.smartcity.store.SubmissionBatches;
import th.or.depa.smartcity.store.SubmissionRows;

/**
 * Submitting a new plan (POST /api/plans, the city's web form): judged and decided in memory ({@link Judge}), its
 * answer and notifications made in memory too, then stored with its evaluation, record, notifications and
 * idempotency row in one write, all of it or nothing, grouped with concurrent submissions ({@link SubmissionBatches}).
 * The answer is given only once that write has committed.
 */
public final class Submissions {

    private final Judge judge;
    private final Outbox outbox;
    private final EventLog.Listener recorded;
    private final SubmissionBatches batches;
    private final ObjectMapper mapper;
    // the idempotency lookup and the race's replay: single statements outside the write
    private final PlanDao planDao;

    /**
     * @param recorded told of the new plan's events in the write's transaction (the metrics, counted on commit);
     *                 the outbox's notifications are made here instead, in memory
     */
    public Submissions(Jdbi jdbi, PlanReader reader, PlanEvaluator evaluator, RuleSets ruleSets, EventLog eventLog,
                       Outbox outbox, EventLog.Listener recorded, SubmissionBatches batches, ObjectMapper mapper,
                       Clock clock) {
        this.judge = new Judge(reader, new ProvinceCheck(jdbi, reader.provinces()), evaluator, ruleSets, eventLog,
                mapper, clock);
        this.outbox = outbox;
        this.recorded = recorded;
        this.batches = batches;
        this.mapper = mapper;
        this.planDao = jdbi.onDemand(PlanDao.class);
    }

    /**
     * Submits once per Idempotency-Key and user: a retry with the same body gets the first answer back and stores
     * nothing; the same key with another body is refused. render turns the new plan into the answer body.
     */
    public Answer submitOnce(User city, byte[] body, String key, Function<PlanDetails, String> render) {
        String sha = Sha256.hex(body);
        if (key != null) {
            Optional<Answer> replay = planDao.idempotency(city.id(), key).map(r -> replay(r, sha));
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Judge.Judged judged = judge.judge(city, body);
        PlanRow row = judged.details().row();
        String answer = render.apply(judged.details());
        try {
            batches.write(rows(judged, key == null ? null : new IdempotencyRow(city.id(), key, sha, 201, answer)));
            return new Answer(201, answer, row.id());
        } catch (UnableToExecuteStatementException race) {
            // a concurrent retry with the same key stored first: answer as it did
            return key == null ? rethrow(race) : planDao.idempotency(city.id(), key).map(r -> replay(r, sha))
                    .orElseThrow(() -> race);
        }
    }

    private SubmissionRows rows(Judge.Judged j, IdempotencyRow idempotency) {
        PlanRow row = j.details().row();
        List<EventRow> events = j.record().events();
        NotificationDao.PlanLine line = new NotificationDao.PlanLine(row.id(), row.organisation(), row.city(),
                row.cityTh(), row.reference(), row.state(), row.certificate());
        return new SubmissionRows(row, j.record().head(), j.record().count(), j.record().mac(), j.content(),
                j.evaluation(), events, outbox.forNewPlan(line, events), idempotency,
                h -> recorded.appended(h, row.id(), events));
    }

    private Answer replay(IdempotencyRow row, String sha) {
        if (!row.requestSha256().equals(sha)) {
            throw new IdempotencyKeyReused();
        }
        // only a replay reads the plan id back out of the stored answer
        return new Answer(row.status(), row.response(),
                StoredJson.read(mapper, row.response()).path("plan").path("id").asText());
    }

    private static <T> T rethrow(RuntimeException e) {
        throw e;
    }
}
