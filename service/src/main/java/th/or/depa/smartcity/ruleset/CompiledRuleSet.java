package th.or.depa.smartcity.ruleset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.StatelessKieSession;
import th.or.depa.smartcity.facts.Criterion;
import th.or.depa.smartcity.facts.Parameter;

/**
 * A compiled, read-only rule set: shared by all requests; every run gets its own stateless session.
 * The criteria in force are what the definition rules insert when no plan is present.
 */
public final class CompiledRuleSet {

    private final RuleFiles files;
    private final KieBase kieBase;
    private final Map<String, Parameter> parameters;
    private final Map<String, String> kfsPathToFile;
    private List<Criterion> criteria = List.of();
    private Map<String, String> criterionRules = Map.of();

    private CompiledRuleSet(RuleFiles files, KieBase kieBase, Map<String, Parameter> parameters,
                            Map<String, String> kfsPathToFile) {
        this.files = files;
        this.kieBase = kieBase;
        this.parameters = Map.copyOf(parameters);
        this.kfsPathToFile = Map.copyOf(kfsPathToFile);
    }

    static CompileResult create(RuleFiles files, KieBase kieBase, Map<String, Parameter> parameters,
                                Map<String, String> kfsPathToFile) {
        CompiledRuleSet rs = new CompiledRuleSet(files, kieBase, parameters, kfsPathToFile);
        List<RuleError> errors = new ArrayList<>();
        List<Criterion> found = new ArrayList<>();
        Map<String, String> rules = new java.util.HashMap<>();
        RuleRun run;
        try {
            run = rs.run(List.of(), parameters);
        } catch (RuntimeException e) {
            return CompileResult.failed(List.of(new RuleError("", 0, "rules fail without a plan: " + e.getMessage())));
        }
        for (RuleRun.Inserted i : run.of(Criterion.class)) {
            Criterion c = (Criterion) i.fact();
            String file = i.rule().substring(0, i.rule().indexOf(':'));
            if (c.id() == null || c.id().isBlank() || c.titleEn() == null || c.titleTh() == null) {
                errors.add(new RuleError(file, 0, "a criterion needs an id and titles in English and Thai"));
            } else if (rules.putIfAbsent(c.id(), i.rule()) != null) {
                errors.add(new RuleError(file, 0, "criterion " + c.id() + " is already defined by " + rules.get(c.id())));
            } else {
                found.add(c);
                for (String p : c.parameters()) {
                    if (!parameters.containsKey(p)) {
                        errors.add(new RuleError(file, 0, c.id() + " reads parameter " + p + ", which "
                                + ParametersFile.PATH + " does not set"));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            return CompileResult.failed(errors);
        }
        found.sort(Comparator.comparing(Criterion::id));
        rs.criteria = List.copyOf(found);
        rs.criterionRules = Map.copyOf(rules);
        return CompileResult.ok(rs);
    }

    /** Inserts the facts and the parameters into a fresh stateless session and fires every rule. */
    public RuleRun run(Collection<?> facts, Map<String, Parameter> params) {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        List<RuleRun.Inserted> inserted = new ArrayList<>();
        Set<String> fired = new LinkedHashSet<>();
        session.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getRule() != null) {
                    inserted.add(new RuleRun.Inserted(event.getObject(), label(event.getRule())));
                }
            }
        });
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(label(event.getMatch().getRule()));
            }
        });
        List<Object> all = new ArrayList<>(params.values());
        all.addAll(facts);
        session.execute(all);
        return new RuleRun(List.copyOf(inserted), Set.copyOf(fired));
    }

    /** "criteria/SC-03-smart-domains.drl: SC-03 ..." — the file as the reviewer knows it, and the rule's name. */
    String label(Rule rule) {
        String file = "?";
        if (rule instanceof RuleImpl impl && impl.getResource() != null) {
            String src = impl.getResource().getSourcePath();
            file = kfsPathToFile.getOrDefault(src, src);
        }
        return file + ": " + rule.getName();
    }

    /** Every rule of the rule set, labelled like {@link RuleRun} labels them (for "never fired"). */
    public Set<String> ruleLabels() {
        Set<String> out = new HashSet<>();
        kieBase.getKiePackages().forEach(p -> p.getRules().forEach(r -> out.add(label(r))));
        return out;
    }

    public RuleFiles files() {
        return files;
    }

    public String sha256() {
        return files.sha256();
    }

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    public List<Criterion> criteria() {
        return criteria;
    }

    public String ruleOf(String criterionId) {
        return criterionRules.get(criterionId);
    }
}
