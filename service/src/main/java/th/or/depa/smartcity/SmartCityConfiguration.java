package th.or.depa.smartcity;

import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import th.or.depa.smartcity.engine.RunLimits;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** config.yml: the database, where the rules live, and the request limits. */
public class SmartCityConfiguration extends Configuration {

    @Valid
    @NotNull
    private DataSourceFactory database = embeddedDefault();

    @Valid
    @NotNull
    private RulesSettings rules = new RulesSettings();

    @Valid
    @NotNull
    private RecordSettings record = new RecordSettings();

    @Valid
    @NotNull
    private PdfSettings pdf = new PdfSettings();

    @JsonProperty("pdf")
    public PdfSettings getPdf() {
        return pdf;
    }

    @JsonProperty("pdf")
    public void setPdf(PdfSettings pdf) {
        this.pdf = pdf;
    }

    @JsonProperty("record")
    public RecordSettings getRecord() {
        return record;
    }

    @JsonProperty("record")
    public void setRecord(RecordSettings record) {
        this.record = record;
    }

    /** Submissions and evaluations per token per minute; 0 or absent is off. */
    @Min(0)
    private int rateLimitPerMinute = 0;

    /** The same embedded H2 file as config.yml, so commands run without a config file (evaluate PLAN.json). */
    private static DataSourceFactory embeddedDefault() {
        DataSourceFactory db = new DataSourceFactory();
        db.setDriverClass("org.h2.Driver");
        db.setUrl("jdbc:h2:file:./data/smartcity");
        db.setUser("sa");
        db.setPassword("");
        return db;
    }

    @JsonProperty("database")
    public DataSourceFactory getDatabase() {
        return database;
    }

    @JsonProperty("database")
    public void setDatabase(DataSourceFactory database) {
        this.database = database;
    }

    @JsonProperty("rules")
    public RulesSettings getRules() {
        return rules;
    }

    @JsonProperty("rules")
    public void setRules(RulesSettings rules) {
        this.rules = rules;
    }

    @JsonProperty("rateLimitPerMinute")
    public int getRateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    @JsonProperty("rateLimitPerMinute")
    public void setRateLimitPerMinute(Integer rateLimitPerMinute) {
        this.rateLimitPerMinute = rateLimitPerMinute == null ? 0 : rateLimitPerMinute;
    }

    /** bench/ only: registers POST /api/noop (reads the body, answers 204), the transport ceiling. Off by default. */
    /**
     * Shifts the service's clock (ISO-8601 duration, e.g. P640D): the tests' way to stand inside a renewal window.
     * A stand-in for issue 16's CLOCK_OFFSET (H6), which replaces it at merge.
     */
    private java.time.Duration clockOffset = java.time.Duration.ZERO;

    @JsonProperty("clockOffset")
    public java.time.Duration getClockOffset() {
        return clockOffset;
    }

    @JsonProperty("clockOffset")
    public void setClockOffset(String clockOffset) {
        this.clockOffset = clockOffset == null || clockOffset.isBlank() ? java.time.Duration.ZERO
                : java.time.Duration.parse(clockOffset);
    }

    private boolean benchmarkNoop = false;

    @JsonProperty("benchmarkNoop")
    public boolean isBenchmarkNoop() {
        return benchmarkNoop;
    }

    @JsonProperty("benchmarkNoop")
    public void setBenchmarkNoop(Boolean benchmarkNoop) {
        this.benchmarkNoop = Boolean.TRUE.equals(benchmarkNoop);
    }

    /** The rules folder and whether edits there are picked up while the service runs. */
    public static class RulesSettings {
        @NotNull
        private String dir = "rules";
        private boolean watch = true;
        /**
         * How often the folder and the database's active version are looked at: a look reads a few dozen small
         * files, and an edit must be stored as a proposal within about 2 s.
         */
        private long pollMillis = 500;

        /** Rule firings one run may make (a rule that keeps changing what it matches would fire for ever). */
        @Min(1)
        private int maxFirings = 10_000;
        /** Wall time one rule run may take, in force or in a worker. */
        @NotNull
        private Duration runTimeout = Duration.seconds(2);
        /** Bytes one rule run may allocate. */
        @NotNull
        private DataSize maxAllocation = DataSize.mebibytes(256);
        /** How long a worker JVM may take over a rule set that is not in force (compile and rule tests; a batch). */
        @NotNull
        private Duration checkTimeout = Duration.seconds(60);
        /** The worker JVM's heap (-Xmx). */
        @NotNull
        private String workerHeap = "384m";
        /** Keep a worker JVM started and warmed up ahead for the next check (off unless config.yml says so). */
        private boolean spareWorker;

        /** The limits of one rule run. */
        public RunLimits limits() {
            return new RunLimits(maxFirings, java.time.Duration.ofMillis(runTimeout.toMilliseconds()),
                    maxAllocation.toBytes());
        }

        @JsonProperty
        public int getMaxFirings() {
            return maxFirings;
        }

        @JsonProperty
        public void setMaxFirings(int maxFirings) {
            this.maxFirings = maxFirings;
        }

        @JsonProperty
        public Duration getRunTimeout() {
            return runTimeout;
        }

        @JsonProperty
        public void setRunTimeout(Duration runTimeout) {
            this.runTimeout = runTimeout;
        }

        @JsonProperty
        public DataSize getMaxAllocation() {
            return maxAllocation;
        }

        @JsonProperty
        public void setMaxAllocation(DataSize maxAllocation) {
            this.maxAllocation = maxAllocation;
        }

        @JsonProperty
        public Duration getCheckTimeout() {
            return checkTimeout;
        }

        @JsonProperty
        public void setCheckTimeout(Duration checkTimeout) {
            this.checkTimeout = checkTimeout;
        }

        @JsonProperty
        public String getWorkerHeap() {
            return workerHeap;
        }

        @JsonProperty
        public void setWorkerHeap(String workerHeap) {
            this.workerHeap = workerHeap;
        }

        @JsonProperty
        public boolean isSpareWorker() {
            return spareWorker;
        }

        @JsonProperty
        public void setSpareWorker(boolean spareWorker) {
            this.spareWorker = spareWorker;
        }

        @JsonProperty
        public long getPollMillis() {
            return pollMillis;
        }

        @JsonProperty
        public void setPollMillis(long pollMillis) {
            this.pollMillis = pollMillis;
        }

        @JsonProperty
        public String getDir() {
            return dir;
        }

        @JsonProperty
        public void setDir(String dir) {
            this.dir = dir;
        }

        @JsonProperty
        public boolean isWatch() {
            return watch;
        }

        @JsonProperty
        public void setWatch(boolean watch) {
            this.watch = watch;
        }
    }

    /** The key the record is signed with: RECORD_KEY if set, else the key file (made on first start). */
    public static class RecordSettings {
        private String key = "";
        @NotNull
        private String keyFile = "data/record.key";

        @JsonProperty
        public String getKey() {
            return key;
        }

        @JsonProperty
        public void setKey(String key) {
            this.key = key;
        }

        @JsonProperty
        public String getKeyFile() {
            return keyFile;
        }

        @JsonProperty
        public void setKeyFile(String keyFile) {
            this.keyFile = keyFile;
        }
    }

    /** How PDFs are rendered: the Chromium program (openhtmltopdf if it is missing) and its limits. */
    public static class PdfSettings {
        /** Headless Chromium (shapes Thai); when the file is not there, openhtmltopdf renders (marks unshaped). */
        private String chromium = "/usr/bin/chromium";
        /** One render longer than this is killed (503). */
        @NotNull
        private Duration timeout = Duration.seconds(30);
        /** Renders at once (each is a browser process); others wait. */
        @Min(1)
        private int maxConcurrent = 2;
        /** How long a render waits for a free slot before the answer is 503. */
        @NotNull
        private Duration queueWait = Duration.seconds(20);

        @JsonProperty
        public String getChromium() {
            return chromium;
        }

        @JsonProperty
        public void setChromium(String chromium) {
            this.chromium = chromium;
        }

        @JsonProperty
        public Duration getTimeout() {
            return timeout;
        }

        @JsonProperty
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @JsonProperty
        public int getMaxConcurrent() {
            return maxConcurrent;
        }

        @JsonProperty
        public void setMaxConcurrent(int maxConcurrent) {
            this.maxConcurrent = maxConcurrent;
        }

        @JsonProperty
        public Duration getQueueWait() {
            return queueWait;
        }

        @JsonProperty
        public void setQueueWait(Duration queueWait) {
            this.queueWait = queueWait;
        }

        /** The renderer these settings describe. */
        public th.or.depa.smartcity.report.PdfRenderer renderer() {
            return th.or.depa.smartcity.report.PdfRenderers.choose(chromium,
                    java.time.Duration.ofMillis(timeout.toMilliseconds()), maxConcurrent,
                    java.time.Duration.ofMillis(queueWait.toMilliseconds()));
        }
    }
}
