package th.or.depa.smartcity.ruleset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import th.or.depa.smartcity.store.RuleSetDao;
import th.or.depa.smartcity.store.RuleSetRow;

/**
 * The rule set in force and its stored versions. Requests read {@link #inForce()} once and keep that object,
 * so a swap never shows a request half of one rule set and half of another.
 */
public final class RuleSets {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSets.class);

    /** A compiled rule set with the version number it is stored under. */
    public record InForce(int version, CompiledRuleSet rules) {
    }

    private final AtomicReference<InForce> current = new AtomicReference<>();
    private final RuleSetChecker checker;
    private final RuleSetDao dao;
    private final ObjectMapper mapper;
    private final Clock clock;

    public RuleSets(RuleSetChecker checker, Jdbi jdbi, ObjectMapper mapper, Clock clock) {
        this.checker = checker;
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

    /**
     * At start: store the folder as a version if it is new (and it compiles and passes its tests), put it in
     * force when nothing is, then load whatever version is in force.
     */
    public void start(Path folder) {
        RuleFiles files = RuleFiles.readFolder(folder);
        Optional<RuleSetRow> known = dao.findBySha(files.sha256());
        CheckResult checked = null;
        if (known.isEmpty()) {
            checked = checker.check(files);
            if (checked.isOk()) {
                boolean first = dao.active().isEmpty();
                RuleSetRow row = store(files, "rules folder " + folder, "rules folder", first ? "ACTIVE" : "PROPOSED");
                LOG.info("stored the rules folder as version {} ({})", row.version(), row.status());
            } else {
                LOG.error("the rules folder {} was refused: {}", folder, checked.errors());
            }
        }
        RuleSetRow active = dao.active().orElseThrow(() -> new IllegalStateException(
                "no rule set in force and the rules folder was refused; see the errors above"));
        CheckResult forActive = checked != null && checked.isOk() && active.sha256().equals(files.sha256())
                ? checked : checker.check(filesOf(active));
        if (!forActive.isOk()) {
            throw new IllegalStateException("the rule set in force (version " + active.version()
                    + ") does not compile here: " + forActive.errors());
        }
        current.set(new InForce(active.version(), forActive.ruleSet()));
        LOG.info("rule set version {} in force ({} criteria)", active.version(),
                forActive.ruleSet().criteria().size());
    }

    RuleSetRow store(RuleFiles files, String note, String by, String status) {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        RuleSetRow row = new RuleSetRow(dao.maxVersion() + 1, files.sha256(), json(files.files()), note, by, now,
                status, now);
        dao.insert(row);
        return row;
    }

    public RuleFiles filesOf(RuleSetRow row) {
        try {
            return new RuleFiles(mapper.readValue(row.files(), new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rule set " + row.version() + " is stored unreadably", e);
        }
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
