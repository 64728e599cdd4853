package th.or.depa.smartcity.workflow;

import th.or.depa.smartcity.facts.Refusal;

/** A workflow rule refused the request; the API answers with the rule's code and bilingual reason. */
public class WorkflowRefusal extends RuntimeException {

    private final Refusal refusal;

    public WorkflowRefusal(Refusal refusal) {
        super(refusal.reasonEn());
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
