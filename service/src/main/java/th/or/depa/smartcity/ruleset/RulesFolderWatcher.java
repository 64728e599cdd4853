package th.or.depa.smartcity.ruleset;

import th.or.depa.smartcity.engine.RuleFiles;

import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance on the right rules: with rules.watch it offers each new content of the rules folder as a
 * proposal (stored as PROPOSED after its checks, never put in force: a reviewer activates it), and always follows
 * the version the database says is active, so instances converge within seconds. Polling rather than WatchService:
 * it sees edits in subfolders and on any file system, and costs a few file reads.
 */
public final class RulesFolderWatcher implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(RulesFolderWatcher.class);

    private final RuleSets ruleSets;
    private final Path folder;
    private final boolean watch;
    private final long periodMillis;
    private ScheduledExecutorService timer;
    private String lastSeen;

    public RulesFolderWatcher(RuleSets ruleSets, Path folder, boolean watch, long periodMillis) {
        this.ruleSets = ruleSets;
        this.folder = folder;
        this.watch = watch;
        this.periodMillis = periodMillis;
    }

    @Override
    public void start() {
        lastSeen = shaOfFolder();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rules-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** One look: the folder (if watched and changed, read once and offered), then the database's active version. */
    void tick() {
        try {
            if (watch) {
                RuleFiles files = read();
                if (files != null && !files.sha256().equals(lastSeen)) {
                    lastSeen = files.sha256();
                    ruleSets.offerFolder(folder, files);
                }
            }
            ruleSets.follow();
        } catch (RuntimeException e) {
            LOG.warn("rules check failed; the rules in force keep serving: {}", e.toString());
        }
    }

    private String shaOfFolder() {
        RuleFiles files = read();
        return files == null ? null : files.sha256();
    }

    /** The folder's files, or null while it cannot be read (being replaced): the next look tries again. */
    private RuleFiles read() {
        try {
            return RuleFiles.readFolder(folder);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
