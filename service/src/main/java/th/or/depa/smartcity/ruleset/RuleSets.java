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
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.store.RuleSetDao;
import th.or.depa.smartcity.store.RuleSetRow;

/**
 * The rule set in force and its stored versions (PROPOSED, ACTIVE, RETIRED). Requests read {@link #inForce()}
 * once and keep that object, so a swap never shows a request half of one rule set and half of another. The
 * database says which version is active; every instance follows it ({@link #follow()}).
 */
public final class RuleSets {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSets.class);
    public static final String FOLDER = "rules folder";

    /** A compiled rule set with the version number it is stored under. */
    public record InForce(int version, CompiledRuleSet rules) {
    }

    /** The last time the rules folder was read: when, which version it gave, or why it was refused. */
    public record Reload(Instant at, Integer version, String sha256, List<RuleError> errors) {
    }

    private final AtomicReference<InForce> current = new AtomicReference<>();
    private final AtomicReference<Reload> lastReload = new AtomicReference<>();
    private final RuleSetChecker checker;
    private final RuleWorkers workers;
    private final RuleSetDao dao;
    private final ObjectMapper mapper;
    private final Clock clock;

    /**
     * checker compiles in this process what goes in force (activated by a second reviewer, or the folder the service
     * starts from); workers check everything else in a worker JVM.
     */
    public RuleSets(RuleSetChecker checker, RuleWorkers workers, Jdbi jdbi, ObjectMapper mapper, Clock clock) {
        this.checker = checker;
        this.workers = workers;
        this.dao = jdbi.onDemand(RuleSetDao.class);
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
     * At start: store the folder as a version if it is new (and passes its checks), put it in force when nothing
     * is, then load whatever version is in force.
     */
    public void start(Path folder) {
        readFolder(folder, false);
        RuleSetRow active = dao.active().orElseThrow(() -> new IllegalStateException(
                "no rule set in force and the rules folder was refused: " + lastReload.get().errors()));
        load(active);
    }

    /**
     * Reads the folder; a new, valid content is stored and, with activate (rules.watch), put in force. A refused
     * folder is logged and reported in {@link #lastReload()}; the version in force keeps serving.
     */
    public synchronized Reload readFolder(Path folder, boolean activate) {
        RuleFiles files;
        try {
            files = RuleFiles.readFolder(folder);
        } catch (RuntimeException e) {
            return report(new Reload(now(), null, null, List.of(new RuleError("", 0, e.getMessage()))));
        }
        Optional<RuleSetRow> known = dao.findBySha(files.sha256());
        if (known.isPresent()) {
            if (activate && !"ACTIVE".equals(known.get().status())) {
                dao.activate(known.get().version(), now());
                load(known.get());
            }
            return report(new Reload(now(), known.get().version(), files.sha256(), List.of()));
        }
        boolean first = dao.active().isEmpty();
        // only what goes in force at once is compiled here; a folder that is only stored is checked in a worker
        CheckResult checked = first || activate ? checker.check(files) : new CheckResult(null, workers.check(files).errors());
        if (!checked.errors().isEmpty()) {
            LOG.error("the rules folder {} was refused; the rules in force keep serving:\n  {}", folder,
                    String.join("\n  ", checked.errors().stream().map(RuleError::toString).toList()));
            return report(new Reload(now(), null, files.sha256(), checked.errors()));
        }
        RuleSetRow row = store(files, "from the rules folder " + folder, FOLDER, null, "PROPOSED");
        if (first || activate) {
            dao.activate(row.version(), now());
            current.set(new InForce(row.version(), checked.ruleSet()));
            LOG.info("rules folder stored as version {} and put in force", row.version());
        } else {
            LOG.info("rules folder stored as version {} (PROPOSED; version {} stays in force)", row.version(),
                    dao.active().map(RuleSetRow::version).orElse(null));
        }
        return report(new Reload(now(), row.version(), files.sha256(), List.of()));
    }

    /** A reviewer's complete rule set: stored as PROPOSED if it compiles, passes the sandbox and its tests. */
    public RuleSetRow propose(RuleFiles files, String note, User reviewer) {
        List<RuleError> refused = RuleSetCompiler.staticCheck(files); // parsing only: nothing of it runs here
        if (!refused.isEmpty()) {
            throw new RuleSetRefused(refused);
        }
        RuleWorkerMain.Checked checked = workers.check(files); // not in force: it never runs in this process
        if (!checked.isOk()) {
            throw new RuleSetRefused(checked.errors());
        }
        Optional<RuleSetRow> known = dao.findBySha(files.sha256());
        if (known.isPresent()) {
            throw new RuleSetConflict("these files are already stored as version " + known.get().version());
        }
        return store(files, note, reviewer.name(), reviewer.id(), "PROPOSED");
    }

    /** Four eyes: a PROPOSED version is put in force by a reviewer other than its proposer. */
    public synchronized RuleSetRow activate(int version, User reviewer) {
        RuleSetRow row = dao.find(version).orElseThrow(RuleSetNotFound::new);
        if (!"PROPOSED".equals(row.status())) {
            throw new RuleSetConflict("only a PROPOSED version can be activated; version " + version + " is "
                    + row.status());
        }
        if (reviewer.id().equals(row.proposerId())) {
            throw new RuleSetConflict("the proposer cannot activate their own rule set: a second reviewer must");
        }
        return putInForce(row);
    }

    /** Puts a RETIRED version back in force; the one in force is retired. */
    public synchronized RuleSetRow rollback(int version) {
        RuleSetRow row = dao.find(version).orElseThrow(RuleSetNotFound::new);
        if (!"RETIRED".equals(row.status())) {
            throw new RuleSetConflict("only a RETIRED version can be rolled back to; version " + version + " is "
                    + row.status());
        }
        return putInForce(row);
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
                load(active);
            }
        });
    }

    public List<RuleSetRow> list() {
        return dao.listWithoutFiles();
    }

    public Optional<RuleSetRow> find(int version) {
        return dao.find(version);
    }

    private RuleSetRow putInForce(RuleSetRow row) {
        CheckResult checked = checker.check(filesOf(row));
        if (!checked.isOk()) {
            throw new RuleSetRefused(checked.errors());
        }
        Instant at = now();
        dao.activate(row.version(), at);
        current.set(new InForce(row.version(), checked.ruleSet()));
        LOG.info("rule set version {} put in force", row.version());
        return dao.find(row.version()).orElseThrow();
    }

    private void load(RuleSetRow active) {
        InForce f = current.get();
        if (f != null && f.rules().sha256().equals(active.sha256())) {
            current.set(new InForce(active.version(), f.rules()));
            return;
        }
        CheckResult checked = checker.check(filesOf(active));
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

    private RuleSetRow store(RuleFiles files, String note, String by, String byId, String status) {
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            RuleSetRow row = new RuleSetRow(dao.maxVersion() + 1, files.sha256(), StoredJson.write(mapper, files.files()), note, by, now,
                    status, now, byId);
            try {
                dao.insert(row);
                return row;
            } catch (UnableToExecuteStatementException versionTaken) {
                if (attempt == 3) {
                    throw versionTaken; // another instance stored versions meanwhile, three times over
                }
            }
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
