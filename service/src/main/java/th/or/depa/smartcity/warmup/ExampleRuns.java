package th.or.depa.smartcity.warmup;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import th.or.depa.smartcity.evaluation.PlanEvaluator;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.ruleset.RuleSets;

/**
 * What POST /api/evaluate does with a body, without the HTTP around it: the strict reading, the rules in force, the
 * answer written as JSON (to nowhere). The evaluator it is given has no observer: warm-up runs are not counted.
 */
public final class ExampleRuns implements Warmup.Run {

    private final PlanReader reader;
    private final RuleSets ruleSets;
    private final PlanEvaluator evaluator;
    private final ObjectMapper mapper;

    public ExampleRuns(PlanReader reader, RuleSets ruleSets, PlanEvaluator evaluator, ObjectMapper mapper) {
        this.reader = reader;
        this.ruleSets = ruleSets;
        this.evaluator = evaluator;
        this.mapper = mapper;
    }

    @Override
    public void run(byte[] plan) throws Exception {
        RuleSets.InForce rules = ruleSets.inForce();
        mapper.writeValue(OutputStream.nullOutputStream(), evaluator.evaluate(rules.rules(), rules.version(),
                reader.read(plan)));
    }
}
