package th.or.depa.smartcity.plan;

/** No such plan, or not the caller's to see: both answer 404 so that a city cannot probe for others' plans. */
public class PlanNotFound extends RuntimeException {
    public PlanNotFound() {
        super("no such plan");
    }
}
