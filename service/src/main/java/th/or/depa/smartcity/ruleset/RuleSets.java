package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.RuleSetCompiler;

import th.or.depa.smartcity.engine.CompiledRuleSet;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.engine.RuleFiles;

import th.or.depa.smartcity.store.StoredJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import th.or.depa.smartcity.history.RecordKey;
import th.or.depa.smartcity.history.RuleSetLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.store.RuleSetDao;
import th.or.depa.smartcity.store.RuleSetRow;

/**
 * The rule set in force and its stored versions (PROPOSED, ACTIVE, RETIRED). Requests read {@link #inForce()}
 * once and keep that object, so a swap never shows a request half of one rule set and half of another. The
 * database says which version is active; every instance follows it ({@link #follow()}). Only a person puts a
 * version in force (the rules folder only proposes); each step is an event in the record (RuleSetLog).
 */
public final class RuleSets {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSets.class);
    public static final String FOLDER = "rules folder";

    /** A compiled rule set with the version number it is stored under. */
    public record InForce(int version, CompiledRuleSet rules) {
    }

    /**
     * The last time the rules folder was read: when, the version it was stored as (stored) or the stored version it
     * matches (not stored), or why it was refused (version null).
     */
    public record Reload(Instant at, Integer version, String sha256, List<RuleError> errors, boolean stored) {
    }

    private final AtomicReference<InForce> current = new AtomicReference<>();
    private final AtomicReference<Reload> lastReload = new AtomicReference<>();
    private final RuleSetChecker checker;
    private final RuleWorkers workers;
    private final Jdbi jdbi;
    private final RuleSetDao dao;
    private final RuleSetLog log;
    private final ObjectMapper mapper;
    private final Clock clock;

    /**
     * checker compiles in this process what goes in force (activated by a reviewer, or the folder an empty database
     * starts from); workers check everything else in a worker JVM. key signs the record of who did what.
     */
    public RuleSets(RuleSetChecker checker, RuleWorkers workers, Jdbi jdbi, ObjectMapper mapper, Clock clock,
                    RecordKey key) {
        this.checker = checker;
        this.workers = workers;
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(RuleSetDao.class);
        this.log = new RuleSetLog(key);
        this.mapper = mapper;
        this.clock = clock;
    }

    public InForce inForce() {
        InForce f = current.get();
        if (f == null) {
            throw new IllegalStateException("no rule set is in force yet");
        }
        return f;
    }

    public Optional<InForce> inForceIfAny() {
        return Optional.ofNullable(current.get());
    }

    public Optional<Reload> lastReload() {
        return Optional.ofNullable(lastReload.get());
    }

    /**
     * At start: record the stored versions if the record has none yet, offer the folder (stored as PROPOSED when it
     * is new; put in force only on an empty database), then load whatever version is in force.
     */
    public void start(Path folder) {
        jdbi.useTransaction(h -> log.adopt(h, now()));
        Optional<RuleFiles> files = filesIn(folder);
        files.ifPresent(f -> offerFolder(folder, f));
        RuleSetRow active = dao.active().orElseThrow(() -> new IllegalStateException(
                "no rule set in force and the rules folder was refused: " + lastReload.get().errors()));
        // the usual start: the version in force is the folder's, whose files are read and hashed already (their
        // SHA-256 is the row's); only another version is read back from its row and hashed again
        load(active, files.filter(f -> f.sha256().equals(active.sha256())).orElse(null));
    }

    /** Reads the folder once and offers it ({@link #offerFolder}); an unreadable folder is reported as refused. */
    public Reload readFolder(Path folder) {
        return filesIn(folder).map(files -> offerFolder(folder, files)).orElseGet(() -> lastReload.get());
    }

    /** The folder's files; empty, reported as refused, when it cannot be read. */
    private Optional<RuleFiles> filesIn(Path folder) {
        try {
            return Optional.of(RuleFiles.readFolder(folder));
        } catch (RuntimeException e) {
            report(new Reload(now(), null, null, List.of(new RuleError("", 0, e.getMessage())), false));
            return Optional.empty();
        }
    }

    /**
     * The folder proposes, people activate: new, valid content is stored as a PROPOSED version proposed by the rules
     * folder, which any reviewer may activate; content already stored stores nothing (the report names the version
     * it matches). Only an empty database puts the folder in force (the deployment's own files). A refused folder
     * is logged with file and line and reported in {@link #lastReload()}; the version in force keeps serving.
     */
    public Reload offerFolder(Path folder, RuleFiles files) {
        Optional<RuleSetRow> known = dao.findBySha(files.sha256());
        if (known.isPresent()) {
            return report(new Reload(now(), known.get().version(), files.sha256(), List.of(), false));
        }
        if (dao.active().isEmpty()) {
            CheckResult checked = checker.check(files); // goes in force at once: compiled here
            if (!checked.isOk()) {
                return refused(folder, files, checked.errors());
            }
            RuleSetRow row = store(files, "from the rules folder " + folder, null, FOLDER, checked.tests());
            putInForce(row, checked, null, FOLDER, RuleSetLog.ACTIVATED, "PROPOSED");
            LOG.info("rules folder stored as version {} and put in force (the database had none)", row.version());
            return report(new Reload(now(), row.version(), files.sha256(), List.of(), true));
        }
        RuleWorkerMain.Checked checked = checkElsewhere(files);
        if (!checked.isOk()) {
            return refused(folder, files, checked.errors());
        }
        RuleSetRow row = store(files, "from the rules folder " + folder, null, FOLDER, checked.tests());
        LOG.info("rules folder stored as version {}: PROPOSED, a reviewer activates it; version {} stays in force",
                row.version(), dao.active().map(RuleSetRow::version).orElse(null));
        return report(new Reload(now(), row.version(), files.sha256(), List.of(), true));
    }

    private Reload refused(Path folder, RuleFiles files, List<RuleError> errors) {
        LOG.error("the rules folder {} was refused; nothing was stored:\n  {}", folder,
                String.join("\n  ", errors.stream().map(RuleError::toString).toList()));
        return report(new Reload(now(), null, files.sha256(), errors, false));
    }

    /** A reviewer's complete rule set: stored as PROPOSED if it compiles, passes the sandbox and its tests. */
    public RuleSetRow propose(RuleFiles files, String note, User reviewer) {
        Optional<RuleSetRow> known = dao.findBySha(files.sha256()); // stored files passed their checks: no need again
        if (known.isPresent()) {
            throw new RuleSetConflict("alreadyStored", String.valueOf(known.get().version()));
        }
        RuleWorkerMain.Checked checked = checkElsewhere(files);
        if (!checked.isOk()) {
            throw new RuleSetRefused(checked.errors());
        }
        return store(files, note, reviewer, reviewer.name(), checked.tests());
    }

    /** A reviewer's changes to a stored version (files replaced or added, paths deleted), proposed like a whole set. */
    public RuleSetRow proposeChanges(int base, Map<String, String> changed, List<String> delete, String note,
                                     User reviewer) {
        RuleSetRow b = dao.find(base).orElseThrow(() -> new PatchRefused(List.of(new th.or.depa.smartcity.plan.FieldError(
                "base", RuleSetMessages.text("unknownBase", "en", String.valueOf(base)),
                new th.or.depa.smartcity.plan.FieldError.Reason(RuleSetMessages.text("unknownBase", "en",
                        String.valueOf(base)), RuleSetMessages.text("unknownBase", "th", String.valueOf(base)))))));
        return propose(PartialProposal.apply(base, filesOf(b), changed, delete), note, reviewer);
    }

    /** Not in force: it never runs in this process (the text check only parses). */
    private RuleWorkerMain.Checked checkElsewhere(RuleFiles files) {
        List<RuleError> refused = RuleSetCompiler.staticCheck(files);
        if (!refused.isEmpty()) {
            return new RuleWorkerMain.Checked(refused, 0, null, java.util.Set.of());
        }
        return workers.check(files);
    }

    /** Four eyes: a PROPOSED version is put in force by a reviewer other than its proposer (any, for the folder's). */
    public synchronized RuleSetRow activate(int version, User reviewer) {
        RuleSetRow row = dao.find(version).orElseThrow(RuleSetNotFound::new);
        if (!"PROPOSED".equals(row.status())) {
            throw new RuleSetConflict("notProposed", String.valueOf(version), row.status());
        }
        if (reviewer.id().equals(row.proposerId())) {
            throw new RuleSetConflict("fourEyes");
        }
        return putInForce(row, compileHere(row), reviewer, reviewer.name(), RuleSetLog.ACTIVATED, "PROPOSED");
    }

    /** Puts a RETIRED version back in force; the one in force is retired. */
    public synchronized RuleSetRow rollback(int version, User by) {
        RuleSetRow row = dao.find(version).orElseThrow(RuleSetNotFound::new);
        if (!"RETIRED".equals(row.status())) {
            throw new RuleSetConflict("notRetired", String.valueOf(version), row.status());
        }
        return putInForce(row, compileHere(row), by, by.name(), RuleSetLog.ROLLED_BACK, "RETIRED");
    }

    /** A worker that has compiled a stored version (for impact analysis); it never runs in this process. */
    public RuleWorkers.Worker candidate(int version) {
        RuleSetRow row = dao.find(version).orElseThrow(RuleSetNotFound::new);
        RuleWorkers.Worker worker = workers.judge(filesOf(row), version);
        RuleWorkerMain.Checked checked = worker.checked();
        if (!checked.isOk()) {
            worker.close();
            throw new RuleSetRefused(checked.errors());
        }
        return worker;
    }

    /** Loads the version the database says is active if this instance serves another (instances converge). */
    public void follow() {
        dao.active().ifPresent(active -> {
            InForce f = current.get();
            if (f == null || f.version() != active.version()) {
                load(active, null);
            }
        });
    }

    public List<RuleSetRow> list() {
        return dao.listWithoutFiles();
    }

    public Optional<RuleSetRow> find(int version) {
        return dao.find(version);
    }

    private CheckResult compileHere(RuleSetRow row) {
        CheckResult checked = checker.check(filesOf(row));
        if (!checked.isOk()) {
            throw new RuleSetRefused(checked.errors());
        }
        return checked;
    }

    /**
     * In one transaction: the version in force retired, this one ACTIVE (activated or rolled back to, by whom), each
     * change an event in the record. The rows are locked and the status checked again: another instance may have
     * changed it meanwhile. by null: byName is not a user (the rules folder).
     */
    private RuleSetRow putInForce(RuleSetRow row, CheckResult checked, User by, String byName, String type,
                                  String expectedStatus) {
        Instant at = now();
        String byId = by == null ? null : by.id();
        RuleSetRow after = jdbi.inTransaction(h -> {
            RuleSetDao d = h.attach(RuleSetDao.class);
            Optional<RuleSetRow> before = d.lockActive();
            RuleSetRow locked = d.lock(row.version()).orElseThrow(RuleSetNotFound::new);
            if (!expectedStatus.equals(locked.status())) {
                throw new RuleSetConflict(expectedStatus.equals("PROPOSED") ? "notProposed" : "notRetired",
                        String.valueOf(row.version()), locked.status());
            }
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            if (before.isPresent()) {
                int retired = before.get().version();
                d.markRetired(retired, at);
                log.append(h, RuleSetLog.RETIRED, by, byName, at, d.find(retired).orElseThrow(),
                        Map.of("replacedBy", row.version()));
                data.put("retired", retired);
            }
            if (type.equals(RuleSetLog.ROLLED_BACK)) {
                d.markRolledBack(row.version(), byName, byId, at);
            } else {
                d.markActivated(row.version(), byName, byId, at);
            }
            RuleSetRow now = d.find(row.version()).orElseThrow();
            log.append(h, type, by, byName, at, now, data);
            return now;
        });
        current.set(new InForce(row.version(), checked.ruleSet()));
        LOG.info("rule set version {} put in force by {}", row.version(), byName);
        return after;
    }

    /** files: the active version's, when the caller has them (hashed to its sha256); null reads them from the row. */
    private void load(RuleSetRow active, RuleFiles files) {
        InForce f = current.get();
        if (f != null && f.rules().sha256().equals(active.sha256())) {
            current.set(new InForce(active.version(), f.rules()));
            return;
        }
        CheckResult checked = checker.check(files != null ? files : filesOf(active));
        if (!checked.isOk()) {
            throw new IllegalStateException("the rule set in force (version " + active.version()
                    + ") does not load here: " + checked.errors());
        }
        current.set(new InForce(active.version(), checked.ruleSet()));
        LOG.info("rule set version {} in force ({} criteria)", active.version(), checked.ruleSet().criteria().size());
    }

    private Reload report(Reload r) {
        lastReload.set(r);
        return r;
    }

    /** Stores a PROPOSED version with its event in the record; by null: byName is not a user (the rules folder). */
    private RuleSetRow store(RuleFiles files, String note, User by, String byName, TestCounts tests) {
        String json = StoredJson.write(mapper, files.files());
        String testsJson = tests == null ? null : StoredJson.write(mapper, tests);
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            RuleSetRow row = RuleSetRow.proposed(dao.maxVersion() + 1, files.sha256(), json, note, byName,
                    by == null ? null : by.id(), now, testsJson);
            try {
                jdbi.useTransaction(h -> {
                    h.attach(RuleSetDao.class).insert(row);
                    log.append(h, RuleSetLog.PROPOSED, by, byName, now, row, Map.of());
                });
                return row;
            } catch (JdbiException taken) {
                Optional<RuleSetRow> known = dao.findBySha(files.sha256());
                if (known.isPresent()) { // another instance stored the same files meanwhile
                    throw new RuleSetConflict("alreadyStored", String.valueOf(known.get().version()));
                }
                if (attempt == 3) {
                    throw taken; // another instance stored versions meanwhile, three times over
                }
            }
        }
    }

    /** The rule-test counts of the check that stored the version (null for a version stored before they were kept). */
    public TestCounts testsOf(RuleSetRow row) {
        try {
            return row.tests() == null ? null : mapper.readValue(row.tests(), TestCounts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule set " + row.version() + " has unreadable test counts", e);
        }
    }

    public RuleFiles filesOf(RuleSetRow row) {
        try {
            return new RuleFiles(mapper.readValue(row.files(), new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule set " + row.version() + " is stored unreadably", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
