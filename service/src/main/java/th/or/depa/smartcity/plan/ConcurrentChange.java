package th.or.depa.smartcity.plan;

/** Another request changed the plan between reading and writing it (its lock version moved): 409, try again. */
public class ConcurrentChange extends RuntimeException {
    public ConcurrentChange() {
        super("the plan was changed by another request meanwhile; read it again and retry");
    }
}
