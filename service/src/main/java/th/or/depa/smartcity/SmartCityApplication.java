package th.or.depa.smartcity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import java.nio.file.Path;
import java.time.Clock;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import th.or.depa.smartcity.api.CriteriaResource;
import th.or.depa.smartcity.api.ErrorMappers;
import th.or.depa.smartcity.api.EvaluateResource;
import th.or.depa.smartcity.api.JsonErrorHandler;
import th.or.depa.smartcity.api.JsonOnly;
import th.or.depa.smartcity.api.RequestLogFormat;
import th.or.depa.smartcity.api.PlanQuery;
import th.or.depa.smartcity.api.PlansResource;
import th.or.depa.smartcity.api.RateLimitFilter;
import th.or.depa.smartcity.api.WorkflowResource;
import th.or.depa.smartcity.api.UsersResource;
import th.or.depa.smartcity.auth.UserService;
import th.or.depa.smartcity.api.RuleSetsResource;
import th.or.depa.smartcity.ruleset.ImpactAnalysis;
import th.or.depa.smartcity.ruleset.RulesFolderWatcher;
import th.or.depa.smartcity.api.QueryTokenRefusal;
import th.or.depa.smartcity.auth.RoleAuthorizer;
import th.or.depa.smartcity.auth.TokenAuthenticator;
import th.or.depa.smartcity.auth.TokenCache;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.cli.AddUserCommand;
import th.or.depa.smartcity.cli.EvaluateCommand;
import th.or.depa.smartcity.cli.RulesCheckCommand;
import th.or.depa.smartcity.cli.Version;
import th.or.depa.smartcity.cli.VerifyRecordCommand;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.history.EventLog;
import th.or.depa.smartcity.history.RecordKeeping;
import th.or.depa.smartcity.history.RecordKey;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.PlanService;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.ruleset.RuleSetChecker;
import th.or.depa.smartcity.ruleset.RuleWorkers;
import th.or.depa.smartcity.ruleset.InForceTexts;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.ruleset.RulesHealthCheck;
import th.or.depa.smartcity.store.Databases;
import th.or.depa.smartcity.workflow.WorkflowService;

/** Wires the service: database and migrations, the rule set in force, authentication, resources. */
public class SmartCityApplication extends Application<SmartCityConfiguration> {

    // the group commit of submissions, kept so that tests can watch its batches (SubmissionBatches.observe)
    private th.or.depa.smartcity.store.SubmissionBatches submissionBatches;

    public static void main(String[] args) throws Exception {
        // Dropwizard's own -v prints the manifest's version alone: the service's name comes with it here
        if (Version.asked(args)) {
            System.out.println(Version.line());
            return;
        }
        // add-user skips the application's bootstrap, which it does not need (cli/LightStart, bench/README.md)
        if (AddUserCommand.runLight(args)) {
            return;
        }
        // SIGTERM stops the server before the JVM's exit hooks run (lifecycle/OrderedStop)
        th.or.depa.smartcity.lifecycle.OrderedStop.onSignals();
        new SmartCityApplication().run(args);
    }

    @Override
    public String getName() {
        return "smartcity";
    }

    @Override
    public void initialize(Bootstrap<SmartCityConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new AddUserCommand());
        bootstrap.addCommand(new th.or.depa.smartcity.cli.AddOrganisationCommand());
        bootstrap.addCommand(new EvaluateCommand());
        bootstrap.addCommand(new RulesCheckCommand());
        bootstrap.addCommand(new VerifyRecordCommand());
        bootstrap.addCommand(new th.or.depa.smartcity.cli.ProposeCommand());
    }

    /** Worker JVMs for the rule sets that are not in force. */
    public static RuleWorkers workers(SmartCityConfiguration.RulesSettings rules, ObjectMapper mapper) {
        return new RuleWorkers(mapper, rules.limits(),
                java.time.Duration.ofMillis(rules.getCheckTimeout().toMilliseconds()), rules.getWorkerHeap(),
                rules.getWorkerThreads());
    }

    @Override
    public void run(SmartCityConfiguration config, Environment env) {
        configure(env.getObjectMapper());
        // the warm-up's requests to the service's own port: marked, so neither the request log nor the timers count them
        th.or.depa.smartcity.warmup.SelfRequests selfRequests = new th.or.depa.smartcity.warmup.SelfRequests();
        RequestLogFormat.enforce(config.getServerFactory(), th.or.depa.smartcity.warmup.SelfRequests.HEADER,
                selfRequests::marks);
        JsonErrorHandler.install(env);
        // a relative Location stays relative: Jersey would otherwise complete it from the request's Host header
        env.jersey().property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
        // the one clock of the service: real time, shifted by CLOCK_OFFSET for a rehearsal (refused at start if bad)
        ServiceClock clock = ServiceClock.of(Clock.systemUTC(), config.getClockOffset());
        if (clock.offset() != null) {
            org.slf4j.LoggerFactory.getLogger(SmartCityApplication.class).warn(
                    "CLOCK_OFFSET {}: the service runs at {}, not the real time (a rehearsal clock)", clock.offset(),
                    clock.instant());
        }
        env.healthChecks().register("clock", new ClockHealthCheck(clock));
        // /metrics/prometheus on the admin port: Dropwizard's metrics, request timers, the business metrics below
        th.or.depa.smartcity.metrics.ServiceMetrics metrics = th.or.depa.smartcity.metrics.ServiceMetrics.install(env,
                th.or.depa.smartcity.warmup.SelfRequests.HEADER, selfRequests::marks);
        Databases.prepare(config.getDatabase());
        Databases.migrate(config.getDatabase());
        Jdbi jdbi = new JdbiFactory().build(env, config.getDatabase(), "database");
        // JDBI's own engine caches each parsed statement; Dropwizard's name-prepending wrapper renders every one anew
        jdbi.setTemplateEngine(new DefinedAttributeTemplateEngine());

        var record = config.getRecord();
        RecordKey recordKey = RecordKeeping.open(jdbi, record.getKey(), record.getKeyFile(), clock);

        ObjectMapper mapper = env.getObjectMapper();
        Provinces provinces = Provinces.load();
        PlanReader reader = new PlanReader(mapper, provinces);
        SmartCityConfiguration.RulesSettings rules = config.getRules();
        th.or.depa.smartcity.engine.RunAdmission.atOnce(rules.getMaxConcurrentRuns());
        RuleWorkers workers = workers(rules, mapper);
        RuleSets ruleSets = new RuleSets(new RuleSetChecker(reader, mapper, rules.limits()), workers,
                jdbi, mapper, clock, recordKey);
        Path rulesDir = Path.of(config.getRules().getDir());
        ruleSets.start(rulesDir);
        if (rules.isSpareWorker()) {
            // a proposal's check starts in a JVM that already checked the rules in force (bench: feedback.sh)
            env.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
                @Override
                public void start() {
                    workers.keepSpare(() -> ruleSets.inForce().rules().files());
                }

                @Override
                public void stop() {
                    workers.stopSpare();
                }
            });
        }
        env.lifecycle().manage(new RulesFolderWatcher(ruleSets, rulesDir, config.getRules().isWatch(),
                config.getRules().getPollMillis()));
        env.healthChecks().register("rules", new RulesHealthCheck(ruleSets));
        metrics.watch(ruleSets);
        InForceTexts texts = new InForceTexts(ruleSets);
        // every event appended to a plan's record writes its notifications in the same transaction (the outbox)
        var hooks = config.getWebhooks();
        th.or.depa.smartcity.notification.Routes routes = th.or.depa.smartcity.notification.Routes.load();
        th.or.depa.smartcity.notification.Outbox outbox = new th.or.depa.smartcity.notification.Outbox(routes,
                env.getObjectMapper(), texts);
        EventLog eventLog = new EventLog(recordKey, (h, planId, events) -> {
            outbox.appended(h, planId, events);
            metrics.appended(h, planId, events);
        });
        metrics.watch(new th.or.depa.smartcity.metrics.Backlog(jdbi, java.time.Duration.ofSeconds(5)));
        th.or.depa.smartcity.notification.UrlGuard urlGuard =
                new th.or.depa.smartcity.notification.UrlGuard(hooks.isAllowPrivate());
        env.lifecycle().manage(new th.or.depa.smartcity.notification.Dispatcher(jdbi, urlGuard, hooks.backoff(), clock,
                hooks.pollInterval(), hooks.attemptTimeout(), hooks.getParallel()));
        env.lifecycle().manage(new th.or.depa.smartcity.notification.ExpiryNotices(jdbi, routes, outbox,
                env.getObjectMapper(), clock, hooks.expiryInterval()));
        // every PDF (plan report, decisions) through one renderer: Chromium, or openhtmltopdf with a warning
        th.or.depa.smartcity.report.PlanReportPdf.use(config.getPdf().renderer());
        env.healthChecks().register("pdf", new th.or.depa.smartcity.report.PdfHealthCheck());

        PlanEvaluator evaluator = new PlanEvaluator(clock, metrics);
        PlanService plans = new PlanService(jdbi, reader, evaluator, ruleSets, eventLog, mapper, clock);
        // new plans: written in groups, one transaction per batch of concurrent submissions (bench/README.md)
        var batching = config.getSubmissions();
        submissionBatches = new th.or.depa.smartcity.store.SubmissionBatches(jdbi, batching.getBatchMax(),
                batching.getWriters(), batching.getQueue(), java.time.Duration.ofMillis(
                        config.getDatabase().getMaxWaitForConnection().toMilliseconds()));
        env.lifecycle().manage(submissionBatches);
        metrics.watch(submissionBatches);
        th.or.depa.smartcity.submission.Submissions submissions = new th.or.depa.smartcity.submission.Submissions(
                jdbi, reader, evaluator, ruleSets, eventLog, outbox, metrics, submissionBatches, mapper, clock);
        WorkflowService workflow = new WorkflowService(jdbi, plans, evaluator, ruleSets, eventLog, mapper, clock);
        th.or.depa.smartcity.workflow.Certificates certificates = new th.or.depa.smartcity.workflow.Certificates(jdbi,
                ruleSets, eventLog, mapper, clock);
        plans.use(certificates);
        env.lifecycle().manage(new th.or.depa.smartcity.workflow.ExpirySweep(certificates,
                java.time.Duration.ofMillis(config.getCertificates().getExpiryCheckEvery().toMilliseconds())));

        // 401 says whether the token is missing or not accepted (auth/BearerAuthFilter, ErrorMappers.Unauthenticated)
        // with auth.tokenCache, known tokens are answered from memory while the revocation counter is unchanged
        TokenCache tokenCache = config.getAuth().isTokenCache()
                ? TokenCache.started(env, config.getDatabase(), config.getAuth().getTokenCacheSize()) : null;
        env.jersey().register(new AuthDynamicFeature(th.or.depa.smartcity.auth.BearerAuthFilter.build(
                new TokenAuthenticator(jdbi, tokenCache), new RoleAuthorizer())));
        env.jersey().register(new QueryTokenRefusal());
        env.jersey().register(RolesAllowedDynamicFeature.class);
        env.jersey().register(new JsonOnly());
        // one window per user for the API and the web forms alike
        th.or.depa.smartcity.api.SubmissionRate rate = new th.or.depa.smartcity.api.SubmissionRate(
                config.getRateLimitPerMinute(), clock);
        env.jersey().register(new RateLimitFilter.Binding(new RateLimitFilter(rate)));
        env.jersey().register(new AuthValueFactoryProvider.Binder<>(User.class));

        env.jersey().register(new ErrorMappers.Api());
        env.jersey().register(new ErrorMappers.RulesBusy());
        env.jersey().register(new ErrorMappers.PlanFormat());
        env.jersey().register(new ErrorMappers.KeyReused());
        env.jersey().register(new ErrorMappers.Refused());
        env.jersey().register(new ErrorMappers.NotFound());
        env.jersey().register(new ErrorMappers.RuleSetRefused());
        env.jersey().register(new ErrorMappers.RuleSetConflict());
        env.jersey().register(new ErrorMappers.PatchRefused());
        env.jersey().register(new ErrorMappers.RuleSetNotFound());
        env.jersey().register(new ErrorMappers.Conflict());
        env.jersey().register(new ErrorMappers.DatabaseDown());
        env.jersey().register(new ErrorMappers.PdfBusy());
        env.jersey().register(new ErrorMappers.OrganisationRefusal());
        env.jersey().register(new ErrorMappers.OrganisationRefused());
        env.jersey().register(new ErrorMappers.UnknownOrganisation());
        env.jersey().register(new ErrorMappers.Unauthenticated());
        env.jersey().register(new ErrorMappers.Forbidden());
        env.jersey().register(new ErrorMappers.Http());

        th.or.depa.smartcity.workflow.RenewalService renewals = new th.or.depa.smartcity.workflow.RenewalService(jdbi,
                plans, new th.or.depa.smartcity.evaluation.RenewalEvaluator(evaluator),
                new th.or.depa.smartcity.plan.ProgressReader(mapper), ruleSets, eventLog, mapper, clock);
        env.jersey().register(new PlansResource(plans, submissions, new PlanQuery(provinces), mapper, renewals));
        env.jersey().register(new EvaluateResource(plans));
        env.jersey().register(new WorkflowResource(workflow, mapper));
        // an impact analysis re-judges stored plans under a candidate: not evaluations the metrics count
        ImpactAnalysis impact = new ImpactAnalysis(jdbi, ruleSets, mapper);
        env.jersey().register(new RuleSetsResource(ruleSets, impact));
        env.jersey().register(new CriteriaResource(ruleSets));
        env.jersey().register(new th.or.depa.smartcity.api.OpenApiResource(th.or.depa.smartcity.api.OpenApiDocument.load()));
        env.jersey().register(new th.or.depa.smartcity.api.WebhooksResource(
                new th.or.depa.smartcity.notification.Webhooks(jdbi, urlGuard, clock)));
        env.jersey().register(new UsersResource(new UserService(jdbi, recordKey, clock)));
        env.jersey().register(new th.or.depa.smartcity.api.OrganisationsResource(
                new th.or.depa.smartcity.organisation.Organisations(jdbi, provinces, recordKey, clock)));
        env.jersey().register(new th.or.depa.smartcity.api.ReportsResource(
                new th.or.depa.smartcity.report.Decisions(jdbi, mapper, certificates), provinces, mapper, clock, texts));
        env.jersey().register(new th.or.depa.smartcity.api.PlanReportResource(
                new th.or.depa.smartcity.report.PlanReports(plans, workflow, mapper),
                new th.or.depa.smartcity.report.PlanReportPage(provinces, texts), mapper, clock));
        th.or.depa.smartcity.web.Sessions sessions = new th.or.depa.smartcity.web.Sessions(clock);
        env.jersey().register(new th.or.depa.smartcity.web.WebResource(sessions, jdbi, plans, workflow, provinces, mapper,
                clock, texts));
        env.jersey().register(new th.or.depa.smartcity.web.DecisionPages(sessions, jdbi, provinces, mapper, clock,
                texts, certificates));
        env.jersey().register(new th.or.depa.smartcity.web.RuleSetPages(sessions, jdbi, ruleSets,
                new th.or.depa.smartcity.ruleset.ImpactJobs(impact)));
        // a city's plan as an uploaded JSON file (web/CityPages reads multipart/form-data with a cap on the body)
        env.jersey().register(org.glassfish.jersey.media.multipart.MultiPartFeature.class);
        env.jersey().register(new th.or.depa.smartcity.web.CityPages(sessions, jdbi, plans, submissions, renewals,
                mapper, rate));
        env.jersey().register(new th.or.depa.smartcity.web.InboxPage(sessions, jdbi, clock));
        if (config.isBenchmarkNoop()) env.jersey().register(new th.or.depa.smartcity.api.NoopResource());
        // the example plans through reading, the rules in force and JSON writing, and (once the server listens) through
        // HTTP to its own port, until the JIT has caught up; the "warmup" health check holds /healthcheck unhealthy
        // meanwhile; an evaluator without metrics (bench/README.md)
        env.lifecycle().addServerLifecycleListener(selfRequests::serving);
        env.lifecycle().addServerLifecycleListener(th.or.depa.smartcity.lifecycle.OrderedStop::serving);
        th.or.depa.smartcity.warmup.Warmup warmup = new th.or.depa.smartcity.warmup.Warmup(
                th.or.depa.smartcity.warmup.ExamplePlans.bundled(),
                new th.or.depa.smartcity.warmup.ExampleRuns(reader, ruleSets, new PlanEvaluator(clock), mapper)
                        .andThen(selfRequests),
                config.getWarmup().length(), Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        env.lifecycle().manage(warmup);
        env.healthChecks().register("warmup", new th.or.depa.smartcity.warmup.WarmupHealthCheck(warmup));
    }

    /** The group commit of submissions, once run has built it. */
    public th.or.depa.smartcity.store.SubmissionBatches submissionBatches() {
        return submissionBatches;
    }

    /** ISO-8601 instants, and money as written (18000000, not 1.8E+7), in JSON. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        return mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
