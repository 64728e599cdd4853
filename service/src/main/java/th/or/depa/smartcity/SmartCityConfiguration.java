package th.or.depa.smartcity;

import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import th.or.depa.smartcity.engine.RunLimits;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
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

    @Valid
    @NotNull
    private WebhookSettings webhooks = new WebhookSettings();

    @JsonProperty("webhooks")
    public WebhookSettings getWebhooks() {
        return webhooks;
    }

    @JsonProperty("webhooks")
    public void setWebhooks(WebhookSettings webhooks) {
        this.webhooks = webhooks;
    }

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

    /** CLOCK_OFFSET: an ISO-8601 duration the service's clock runs ahead (or, with a minus, behind); empty: none. */
    private String clockOffset;

    @JsonProperty("clockOffset")
    public String getClockOffset() {
        return clockOffset;
    }

    @JsonProperty("clockOffset")
    public void setClockOffset(String clockOffset) {
        this.clockOffset = clockOffset;
    }

    @Valid
    @NotNull
    private CertificateSettings certificates = new CertificateSettings();

    @JsonProperty("certificates")
    public CertificateSettings getCertificates() {
        return certificates;
    }

    @JsonProperty("certificates")
    public void setCertificates(CertificateSettings certificates) {
        this.certificates = certificates;
    }

    /** How often the service looks for certificates past their validUntil (the check on read covers the gaps). */
    public static class CertificateSettings {
        @NotNull
        private Duration expiryCheckEvery = Duration.minutes(1);

        @JsonProperty("expiryCheckEvery")
        public Duration getExpiryCheckEvery() {
            return expiryCheckEvery;
        }

        @JsonProperty("expiryCheckEvery")
        public void setExpiryCheckEvery(Duration expiryCheckEvery) {
            this.expiryCheckEvery = expiryCheckEvery;
        }
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

        /** Rule runs working at once in this JVM (the rest wait their turn); 0: twice the processors. */
        private int maxConcurrentRuns;

        /**
         * Threads judging plans in an impact analysis's worker JVM, each run on its own thread within its own limits;
         * 0: one per processor.
         */
        @Min(0)
        @Max(64)
        private int workerThreads;

        @JsonProperty
        public int getWorkerThreads() {
            return workerThreads;
        }

        @JsonProperty
        public void setWorkerThreads(int workerThreads) {
            this.workerThreads = workerThreads;
        }

        @JsonProperty
        public int getMaxConcurrentRuns() {
            return maxConcurrentRuns;
        }

        @JsonProperty
        public void setMaxConcurrentRuns(int maxConcurrentRuns) {
            this.maxConcurrentRuns = maxConcurrentRuns;
        }

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

    /** Webhook delivery: which addresses a webhook may reach, how often and how long it is retried. */
    public static class WebhookSettings {
        /** Lets webhooks reach loopback and private addresses (tests, closed networks): WEBHOOK_ALLOW_PRIVATE. */
        private boolean allowPrivate;
        /** The wait after the first failed attempt; each next one doubles, up to retryMax, with jitter. */
        @NotNull
        private Duration retryFirst = Duration.seconds(10);
        @NotNull
        private Duration retryMax = Duration.hours(1);
        /** A delivery not answered 2xx this long after its notification is FAILED. */
        @NotNull
        private Duration giveUpAfter = Duration.hours(24);
        /** How often each instance looks for due deliveries. */
        @NotNull
        private Duration poll = Duration.seconds(1);
        /** Connect and answer timeout of one attempt. */
        @NotNull
        private Duration timeout = Duration.seconds(5);
        /** Attempts one instance makes at once. */
        @Min(1)
        private int parallel = 4;
        /** How often the expiring-certificate notices are looked for. */
        @NotNull
        private Duration expiryEvery = Duration.hours(1);

        @JsonProperty
        public boolean isAllowPrivate() {
            return allowPrivate;
        }

        @JsonProperty
        public void setAllowPrivate(boolean allowPrivate) {
            this.allowPrivate = allowPrivate;
        }

        @JsonProperty
        public Duration getRetryFirst() {
            return retryFirst;
        }

        @JsonProperty
        public void setRetryFirst(Duration retryFirst) {
            this.retryFirst = retryFirst;
        }

        @JsonProperty
        public Duration getRetryMax() {
            return retryMax;
        }

        @JsonProperty
        public void setRetryMax(Duration retryMax) {
            this.retryMax = retryMax;
        }

        @JsonProperty
        public Duration getGiveUpAfter() {
            return giveUpAfter;
        }

        @JsonProperty
        public void setGiveUpAfter(Duration giveUpAfter) {
            this.giveUpAfter = giveUpAfter;
        }

        @JsonProperty
        public Duration getPoll() {
            return poll;
        }

        @JsonProperty
        public void setPoll(Duration poll) {
            this.poll = poll;
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
        public int getParallel() {
            return parallel;
        }

        @JsonProperty
        public void setParallel(int parallel) {
            this.parallel = parallel;
        }

        @JsonProperty
        public Duration getExpiryEvery() {
            return expiryEvery;
        }

        @JsonProperty
        public void setExpiryEvery(Duration expiryEvery) {
            this.expiryEvery = expiryEvery;
        }

        static java.time.Duration of(Duration d) {
            return java.time.Duration.ofMillis(d.toMilliseconds());
        }

        public th.or.depa.smartcity.notification.Backoff backoff() {
            return new th.or.depa.smartcity.notification.Backoff(of(retryFirst), of(retryMax), of(giveUpAfter));
        }

        public java.time.Duration pollInterval() {
            return of(poll);
        }

        public java.time.Duration attemptTimeout() {
            return of(timeout);
        }

        public java.time.Duration expiryInterval() {
            return of(expiryEvery);
        }
    }

    @Valid
    @NotNull
    private WarmupSettings warmup = new WarmupSettings();

    @JsonProperty("warmup")
    public WarmupSettings getWarmup() {
        return warmup;
    }

    @JsonProperty("warmup")
    public void setWarmup(WarmupSettings warmup) {
        this.warmup = warmup;
    }

    /** How long the example plans run through the service after start before it reports healthy; 0 is off. */
    public static class WarmupSettings {
        @NotNull
        private Duration duration = Duration.seconds(0);

        @JsonProperty
        public Duration getDuration() {
            return duration;
        }

        @JsonProperty
        public void setDuration(Duration duration) {
            this.duration = duration;
        }

        public java.time.Duration length() {
            return java.time.Duration.ofMillis(duration.toMilliseconds());
        }
    }

    @Valid
    @NotNull
    private AuthSettings auth = new AuthSettings();

    @JsonProperty("auth")
    public AuthSettings getAuth() {
        return auth;
    }

    @JsonProperty("auth")
    public void setAuth(AuthSettings auth) {
        this.auth = auth;
    }

    /** Bearer tokens kept in memory, checked against the revocation counter on every request (docs/security.md). */
    public static class AuthSettings {
        private boolean tokenCache = true;
        @Min(1)
        private long tokenCacheSize = 10_000;

        @JsonProperty
        public boolean isTokenCache() {
            return tokenCache;
        }

        @JsonProperty
        public void setTokenCache(boolean tokenCache) {
            this.tokenCache = tokenCache;
        }

        @JsonProperty
        public long getTokenCacheSize() {
            return tokenCacheSize;
        }

        @JsonProperty
        public void setTokenCacheSize(long tokenCacheSize) {
            this.tokenCacheSize = tokenCacheSize;
        }
    }

    @Valid
    @NotNull
    private SubmissionSettings submissions = new SubmissionSettings();

    @JsonProperty("submissions")
    public SubmissionSettings getSubmissions() {
        return submissions;
    }

    @JsonProperty("submissions")
    public void setSubmissions(SubmissionSettings submissions) {
        this.submissions = submissions;
    }

    /** Group commit of new plans (store/SubmissionBatches): batch size (1 is off), writer threads, queue bound. */
    public static class SubmissionSettings {
        @Min(1)
        private int batchMax = 64;
        @Min(1)
        private int writers = 2;
        @Min(1)
        private int queue = 1024;

        @JsonProperty
        public int getBatchMax() {
            return batchMax;
        }

        @JsonProperty
        public void setBatchMax(int batchMax) {
            this.batchMax = batchMax;
        }

        @JsonProperty
        public int getWriters() {
            return writers;
        }

        @JsonProperty
        public void setWriters(int writers) {
            this.writers = writers;
        }

        @JsonProperty
        public int getQueue() {
            return queue;
        }

        @JsonProperty
        public void setQueue(int queue) {
            this.queue = queue;
        }
    }
}
