package th.or.depa.smartcity.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.commands.runtime.rule.FireAllRulesCommand;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.command.KieCommands;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.AgendaFilter;

/**
 * One KieBase and the labels of its rules ("file: rule name", worked out once, not per firing). Every run gets a
 * fresh stateless session: a session reused from a KieSessionsPool kept results of the run before it (a plan judged
 * right after the rule tests, which assume other parameters, got their answer), and it was no faster on a quiet
 * machine (bench/README.md).
 */
final class RuleBase {

    private static final KieCommands COMMANDS = KieServices.Factory.get().getCommands();

    private final KieBase kieBase;
    private final Map<Rule, String> labels = new IdentityHashMap<>();
    private final Map<String, String> kfsPathToFile;

    private final RunLimits limits;
    /** Keys of kfsPathToFile that name a generated class (see {@link GeneratedSources}). */
    static final String GENERATED = "class ";

    RuleBase(KieBase kieBase, Map<String, String> kfsPathToFile, RunLimits limits) {
        this.kieBase = kieBase;
        this.limits = limits;
        this.kfsPathToFile = Map.copyOf(kfsPathToFile);
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> labels.put(r, label(r, kfsPathToFile))));
    }

    /**
     * Inserts the facts into a new session and fires every rule the filter lets through (null: all), within the
     * run limits: a run that fires more than maxFirings rules, or spends more time or memory, is an error.
     */
    RuleRun run(Collection<?> facts, AgendaFilter filter) {
        Recorder recorder = new Recorder(this);
        try {
            return RunGuard.run(limits, () -> runOnce(facts, filter, recorder));
        } catch (RuleRunLimitExceeded e) {
            String at = e.runningClasses().stream().map(c -> kfsPathToFile.get(GENERATED + c)).filter(f -> f != null)
                    .findFirst().orElse(null);
            String rule = recorder.current;
            throw at != null ? new RuleRunLimitExceeded(e.getMessage() + "; it was running code of " + at)
                    : rule != null ? new RuleRunLimitExceeded(e.getMessage() + "; the rule running last: " + rule) : e;
        } catch (RuleRunsBusy busy) {
            throw busy; // the service's load, not the rules' fault
        } catch (RuntimeException e) {
            throw new IllegalStateException(inReviewersTerms(String.valueOf(e.getMessage())), e);
        }
    }

    /** Drools names the compiled resource (smartcity/criteria/e3_SC-03.drl): say the file as the reviewer wrote it. */
    private String inReviewersTerms(String message) {
        String out = message;
        for (Map.Entry<String, String> e : kfsPathToFile.entrySet()) {
            if (!e.getKey().startsWith("rule ") && out.contains(e.getKey())) {
                out = out.replace(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private RuleRun runOnce(Collection<?> facts, AgendaFilter filter, Recorder recorder) {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        session.addEventListener((RuleRuntimeEventListener) recorder);
        session.addEventListener((AgendaEventListener) recorder);
        // one firing more than allowed tells a run that stopped at the limit from one that ended by itself
        session.execute(COMMANDS.newBatchExecution(List.of(COMMANDS.newInsertElements(facts),
                new FireAllRulesCommand(filter, limits.maxFirings() + 1))));
        if (recorder.firings > limits.maxFirings()) {
            throw new RuleRunLimitExceeded("the rules fired more than " + limits.maxFirings()
                    + " times in one run (rules.maxFirings): a rule that changes what it matches fires again; the rule"
                    + " that changed facts most often: " + recorder.busiest());
        }
        return recorder.result();
    }

    /** Every rule of this KieBase, labelled like {@link RuleRun} labels them. */
    Collection<String> labels() {
        return labels.values();
    }

    String label(Rule rule) {
        String known = labels.get(rule);
        return known != null ? known : label(rule, kfsPathToFile);
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** "criteria/SC-03-smart-domains.drl: SC-03 ..." — the file as the reviewer knows it, and the rule's name. */
    private static String label(Rule rule, Map<String, String> kfsPathToFile) {
        String file = kfsPathToFile.getOrDefault(RuleSetCompiler.ruleKey(rule.getPackageName(), rule.getName()), "?");
        if (rule instanceof RuleImpl impl && impl.getResource() != null) {
            String src = impl.getResource().getSourcePath();
            file = kfsPathToFile.getOrDefault(src, src);
        }
        return file + ": " + rule.getName();
    }

    /** Records what each rule inserted and which rules fired in one session. */
    private static final class Recorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
        private final RuleBase rules;
        private final List<RuleRun.Inserted> inserted = new ArrayList<>();
        private final Set<String> fired = new LinkedHashSet<>();
        private int firings;
        private volatile String current;
        private final Map<String, Integer> changes = new java.util.HashMap<>();
        private final Map<String, Integer> inserts = new java.util.HashMap<>();

        /** A rule that updates or deletes what it matches is what fires again; inserts alone rarely are. */
        String busiest() {
            Map<String, Integer> by = changes.isEmpty() ? inserts : changes;
            return by.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("?");
        }

        private void changed(Rule rule) {
            if (rule != null) {
                changes.merge(rules.label(rule), 1, Integer::sum);
            }
        }

        Recorder(RuleBase rules) {
            this.rules = rules;
        }

        RuleRun result() {
            return new RuleRun(List.copyOf(inserted), Set.copyOf(fired));
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() != null) {
                inserts.merge(rules.label(event.getRule()), 1, Integer::sum);
                inserted.add(new RuleRun.Inserted(event.getObject(), rules.label(event.getRule())));
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
            changed(event.getRule());
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
            changed(event.getRule());
        }

        @Override
        public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
            current = rules.label(event.getMatch().getRule());
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            firings++;
            fired.add(rules.label(event.getMatch().getRule()));
        }
    }
}
