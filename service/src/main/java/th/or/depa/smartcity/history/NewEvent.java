package th.or.depa.smartcity.history;

import java.time.Instant;
import th.or.depa.smartcity.auth.User;

/** An event about to be appended to a plan's record; data is the JSON it carries (may be null). */
public record NewEvent(String type, User actor, Instant at, String stateBefore, String stateAfter, String comment,
                       Integer ruleSetVersion, String ruleSetSha256, String data) {
}
