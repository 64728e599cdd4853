package th.or.depa.smartcity.plan;

/** The caller sent an Idempotency-Key it used before, with another body. */
public class IdempotencyKeyReused extends RuntimeException {
    public IdempotencyKeyReused() {
        super("this Idempotency-Key was used before with a different body");
    }
}
