package th.or.depa.smartcity.workflow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.facts.Member;
import th.or.depa.smartcity.store.UserRow;

/**
 * The members of the two bodies as they stand now (read per request). Each body's chair is the latest member
 * created with --chair (workflow.md, Votes).
 */
public final class Committees {

    private final List<UserRow> members;
    private final Map<String, String> chairs = new HashMap<>();

    public Committees(List<UserRow> membersOldestFirst) {
        this.members = membersOldestFirst;
        for (UserRow m : membersOldestFirst) {
            if (m.chair() && m.body() != null) {
                chairs.put(m.body(), m.id()); // a later chair replaces an earlier one
            }
        }
    }

    public boolean chairs(User user) {
        return user.body() != null && user.id().equals(chairs.get(user.body()));
    }

    public List<Member> asFacts() {
        return members.stream().filter(m -> m.body() != null)
                .map(m -> new Member(m.id(), m.body(), m.id().equals(chairs.get(m.body())))).toList();
    }
}
