package th.or.depa.smartcity.ruleset;

/**
 * A rule-set request that is well formed but not possible now (wrong status, four eyes, already stored): 409 with
 * its reason in English and Thai (ruleset/messages.properties).
 */
public class RuleSetConflict extends RuntimeException {

    private final String th;

    /** key names the texts in ruleset/messages.properties; args fill their {0}, {1}. */
    RuleSetConflict(String key, Object... args) {
        super(RuleSetMessages.text(key, "en", args));
        this.th = RuleSetMessages.text(key, "th", args);
    }

    public String en() {
        return getMessage();
    }

    public String th() {
        return th;
    }
}
