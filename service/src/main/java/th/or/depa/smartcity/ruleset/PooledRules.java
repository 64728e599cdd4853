package th.or.depa.smartcity.ruleset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.rule.AgendaFilter;

/**
 * One KieBase with a pool of sessions: a pooled session is reset when given back, which costs about half of
 * building a stateless session's memories anew for every plan (bench/README.md, EngineVariantsBenchmark).
 * Each rule's label ("file: rule name") is worked out once, not per firing.
 */
final class PooledRules {

    private final KieBase kieBase;
    private final KieSessionsPool pool;
    private final Map<Rule, String> labels = new IdentityHashMap<>();

    PooledRules(KieBase kieBase, Map<String, String> kfsPathToFile) {
        this.kieBase = kieBase;
        this.pool = kieBase.newKieSessionsPool(2 * Runtime.getRuntime().availableProcessors());
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> labels.put(r, label(r, kfsPathToFile))));
    }

    /** Inserts the facts into a pooled session and fires every rule the filter lets through (null: all). */
    RuleRun run(Collection<?> facts, AgendaFilter filter) {
        KieSession session = pool.newKieSession();
        try {
            Recorder recorder = recorder(session);
            for (Object fact : facts) {
                session.insert(fact);
            }
            if (filter == null) {
                session.fireAllRules();
            } else {
                session.fireAllRules(filter);
            }
            return recorder.result();
        } finally {
            session.dispose(); // back to the pool, reset
        }
    }

    /** Every rule of this KieBase, labelled like {@link RuleRun} labels them. */
    Collection<String> labels() {
        return labels.values();
    }

    String label(Rule rule) {
        String known = labels.get(rule);
        return known != null ? known : rule.getPackageName() + ": " + rule.getName();
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** "criteria/SC-03-smart-domains.drl: SC-03 ..." — the file as the reviewer knows it, and the rule's name. */
    private static String label(Rule rule, Map<String, String> kfsPathToFile) {
        String file = "?";
        if (rule instanceof RuleImpl impl && impl.getResource() != null) {
            String src = impl.getResource().getSourcePath();
            file = kfsPathToFile.getOrDefault(src, src);
        }
        return file + ": " + rule.getName();
    }

    /** A pooled session keeps its listeners across resets or not, depending on Drools: attach ours once either way. */
    private Recorder recorder(KieSession session) {
        for (RuleRuntimeEventListener l : session.getRuleRuntimeEventListeners()) {
            if (l instanceof Recorder r) {
                r.start();
                return r;
            }
        }
        Recorder r = new Recorder(this);
        session.addEventListener((RuleRuntimeEventListener) r);
        session.addEventListener((AgendaEventListener) r);
        r.start();
        return r;
    }

    /** Records what each rule inserted and which rules fired; a pooled session is used by one thread at a time. */
    private static final class Recorder extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
        private final PooledRules rules;
        private List<RuleRun.Inserted> inserted;
        private Set<String> fired;

        Recorder(PooledRules rules) {
            this.rules = rules;
        }

        void start() {
            inserted = new ArrayList<>();
            fired = new LinkedHashSet<>();
        }

        RuleRun result() {
            return new RuleRun(List.copyOf(inserted), Set.copyOf(fired));
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() != null) {
                inserted.add(new RuleRun.Inserted(event.getObject(), rules.label(event.getRule())));
            }
        }

        @Override
        public void objectUpdated(ObjectUpdatedEvent event) {
        }

        @Override
        public void objectDeleted(ObjectDeletedEvent event) {
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            fired.add(rules.label(event.getMatch().getRule()));
        }
    }
}
