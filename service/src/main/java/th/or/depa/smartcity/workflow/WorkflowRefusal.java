package th.or.depa.smartcity.workflow;

import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.facts.Refusal;

/** A workflow rule refused the request; the API answers with the rule's code and its reason in both languages. */
public class WorkflowRefusal extends RuntimeException {

    private final Refusal refusal;
    private final Bilingual reason;

    public WorkflowRefusal(Refusal refusal, Bilingual reason) {
        super(reason.en());
        this.refusal = refusal;
        this.reason = reason;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The refusal's template (rules/texts/workflow.*.properties) filled from its facts. */
    public Bilingual reason() {
        return reason;
    }
}
