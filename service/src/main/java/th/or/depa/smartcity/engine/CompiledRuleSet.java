package th.or.depa.smartcity.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.KieBase;
import org.kie.api.runtime.rule.AgendaFilter;
import th.or.depa.smartcity.facts.Criterion;
import th.or.depa.smartcity.facts.Parameter;

/**
 * A compiled, read-only rule set shared by all requests. It holds two KieBases built from the same files: the rules
 * that judge a plan (every rule file outside {@code workflow/}) and the workflow rules ({@code workflow/}), so that an
 * evaluation never builds the workflow's network and a workflow step never fires the criteria. The criteria in force
 * are what the definition rules insert when no plan is present.
 */
public final class CompiledRuleSet {

    /** The folder whose rule files decide the workflow; every other rule file judges plans. */
    public static final String WORKFLOW_FOLDER = "workflow/";
    /** The folder whose rule files judge a certified plan's progress report (optional: none, no renewal criteria). */
    public static final String RENEWAL_FOLDER = "renewal/";

    private final RuleFiles files;
    private final RuleBase evaluation;
    private final RuleBase workflow;
    private final RuleBase renewal;
    private List<Criterion> renewalCriteria = List.of();
    private Map<String, String> renewalRules = Map.of();
    private final Map<String, Parameter> parameters;
    private List<Criterion> criteria = List.of();
    private Map<String, String> criterionRules = Map.of();
    private AgendaFilter skipDefinitions;
    private Set<String> definitions = Set.of();

    private CompiledRuleSet(RuleFiles files, RuleBase evaluation, RuleBase workflow, RuleBase renewal,
                            Map<String, Parameter> parameters) {
        this.renewal = renewal;
        this.files = files;
        this.evaluation = evaluation;
        this.workflow = workflow;
        this.parameters = Map.copyOf(parameters);
    }

    static CompileResult create(RuleFiles files, KieBase evaluationBase, KieBase workflowBase, KieBase renewalBase,
                                Map<String, Parameter> parameters, Map<String, String> kfsPathToFile,
                                RunLimits limits) {
        CompiledRuleSet rs = new CompiledRuleSet(files, new RuleBase(evaluationBase, kfsPathToFile, limits),
                new RuleBase(workflowBase, kfsPathToFile, limits),
                renewalBase == null ? null : new RuleBase(renewalBase, kfsPathToFile, limits), parameters);
        List<RuleError> errors = new ArrayList<>();
        List<Criterion> found = new ArrayList<>();
        Map<String, String> rules = new java.util.HashMap<>();
        RuleRun run;
        try {
            run = rs.evaluation.run(withParameters(List.of(), parameters), null);
        } catch (RuntimeException e) {
            return CompileResult.failed(List.of(new RuleError("", 0, "rules fail without a plan: " + e.getMessage())));
        }
        if (rs.renewal != null) {
            List<Criterion> renewalFound = new ArrayList<>();
            Map<String, String> renewalRules = new java.util.HashMap<>();
            try {
                definitions(rs.renewal.run(withParameters(List.of(), parameters), null), parameters, renewalFound,
                        renewalRules, errors);
            } catch (RuntimeException e) {
                return CompileResult.failed(List.of(new RuleError(RENEWAL_FOLDER, 0,
                        "renewal rules fail without a progress report: " + e.getMessage())));
            }
            renewalFound.sort(Comparator.comparing(Criterion::id));
            rs.renewalCriteria = List.copyOf(renewalFound);
            rs.renewalRules = Map.copyOf(renewalRules);
        }
        definitions(run, parameters, found, rules, errors);
        for (String id : rs.renewalRules.keySet()) {
            if (rules.containsKey(id)) {
                errors.add(new RuleError(RENEWAL_FOLDER, 0, "criterion " + id + " is defined both by "
                        + rules.get(id) + " and by " + rs.renewalRules.get(id)));
            }
        }
        if (!errors.isEmpty()) {
            return CompileResult.failed(errors);
        }
        found.sort(Comparator.comparing(Criterion::id));
        rs.criteria = List.copyOf(found);
        rs.criterionRules = Map.copyOf(rules);
        rs.definitions = Definitions.skippable(rs.evaluation, run);
        rs.skipDefinitions = rs.definitions.isEmpty() ? null
                : match -> !rs.definitions.contains(rs.evaluation.label(match.getRule()));
        return CompileResult.ok(rs);
    }

    /** The criteria a definitions run inserted, checked: an id each, defined once, parameters that exist. */
    private static void definitions(RuleRun run, Map<String, Parameter> parameters, List<Criterion> found,
                                    Map<String, String> rules, List<RuleError> errors) {
        for (RuleRun.Inserted i : run.of(Criterion.class)) {
            Criterion c = (Criterion) i.fact();
            String file = i.rule().substring(0, i.rule().indexOf(':'));
            if (c.id() == null || c.id().isBlank()) {
                errors.add(new RuleError(file, 0, "a criterion needs an id"));
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
    }

    /**
     * Judges a plan: its facts and the parameters in the evaluation's rules. The criterion definitions are not
     * fired again, but count as fired (impact analysis reports the rules that never fire).
     */
    public RuleRun evaluate(Collection<?> facts, Map<String, Parameter> params) {
        RuleRun run = evaluation.run(withParameters(facts, params), skipDefinitions);
        if (definitions.isEmpty()) {
            return run;
        }
        Set<String> fired = new HashSet<>(run.fired());
        fired.addAll(definitions);
        return new RuleRun(run.inserted(), fired);
    }

    /** Judges a progress report with the renewal rules (renewal/); null when this rule set has none. */
    public RuleRun renew(Collection<?> facts, Map<String, Parameter> params) {
        return renewal == null ? null : renewal.run(withParameters(facts, params), null);
    }

    /** The renewal criteria in force (renewal/), sorted by id; empty when the rule set has none. */
    public List<Criterion> renewalCriteria() {
        return renewalCriteria;
    }

    public String renewalRuleOf(String criterionId) {
        return renewalRules.get(criterionId);
    }

    /** Asks the workflow rules about a request: its facts and the parameters. */
    public RuleRun decide(Collection<?> facts, Map<String, Parameter> params) {
        return workflow.run(withParameters(facts, params), null);
    }

    private static List<Object> withParameters(Collection<?> facts, Map<String, Parameter> params) {
        List<Object> all = new ArrayList<>(params.size() + facts.size());
        all.addAll(params.values());
        all.addAll(facts);
        return all;
    }

    /** The labels of the rules that judge plans (not the workflow's), as {@link RuleRun} labels them. */
    public Set<String> evaluationRuleLabels() {
        return Set.copyOf(evaluation.labels());
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
