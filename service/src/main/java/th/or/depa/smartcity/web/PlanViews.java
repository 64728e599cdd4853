package th.or.depa.smartcity.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.report.Html;
import th.or.depa.smartcity.store.PlanRow;
import th.or.depa.smartcity.workflow.Available;
import th.or.depa.smartcity.workflow.TallyView;

/**
 * The models of the plan page and the screening queue (templates plan, screening, action-forms): a form for each
 * action the rules do not refuse the viewer's role, with the rule's reason beside it when they would refuse it now;
 * the vote and recusal forms; the tally so far; the report's own body; and a refusal the last form met.
 */
final class PlanViews {

    /** A refusal shown on the page (#refusal): the status it was answered with and its reason in both languages. */
    record Shown(int code, Bilingual reason) {
    }

    /** One plan waiting in the screening queue, with the options the office has on it. */
    record Queued(PlanRow plan, Available options) {
    }

    private static final List<String> VOTES = List.of("APPROVE", "REJECT", "ABSTAIN");

    private PlanViews() {
    }

    static Map<String, Object> plan(Viewer viewer, PlanRow p, Map<String, Object> report, Available available,
                                    Texts labels, Shown refusal) {
        Bilingual city = new Bilingual(p.city(), p.cityTh() == null ? p.city() : p.cityTh());
        Map<String, Object> m = WebPages.page(viewer, city, "plan-page");
        m.put("mainId", "plan");
        m.put("mainClass", "plan-report");
        m.put("mainState", p.state());
        m.put("planId", p.id());
        m.put("refusal", shown(refusal));
        List<Map<String, Object>> actions = actions(available.actions(), labels, null);
        m.put("hasActions", !actions.isEmpty());
        m.put("actions", actions);
        available.vote().ifPresent(v -> {
            Map<String, Object> vote = new LinkedHashMap<>();
            vote.put("reason", v.reason() == null ? null : Html.both(v.reason()));
            vote.put("choices", VOTES.stream().map(c -> Map.of("code", c, "label", Html.both(labels.label("vote", c))))
                    .toList());
            m.put("vote", vote);
        });
        m.put("tally", available.tally() == null ? null : tally(available.tally(), labels));
        m.put("revise", available.revise().filter(Available.Option::allowed).isPresent());
        m.put("renew", available.renew().filter(Available.Option::allowed).isPresent());
        m.put("report", report);
        return m;
    }

    /** The queue: each plan with the actions the office may take on it now, and a vote it may try to close. */
    static Map<String, Object> screening(Viewer viewer, List<Queued> queue, Texts labels, Shown refusal,
                                         java.util.function.Function<PlanRow, Map<String, Object>> row) {
        Map<String, Object> m = WebPages.page(viewer, WebMessages.of("screening.title"), "screening-page");
        m.put("refusal", shown(refusal));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Queued q : queue) {
            // what the office may do now; and, while a body votes (the rules count a tally), closing it with the reason
            List<Available.Option> options = q.options().actions().stream().filter(o -> o.allowed()
                    || (o.action().equals("CLOSE_VOTE") && q.options().tally() != null)).toList();
            if (options.isEmpty()) {
                continue;
            }
            Map<String, Object> r = row.apply(q.plan());
            r.put("actions", actions(options, labels, "screening"));
            rows.add(r);
        }
        m.put("rows", rows);
        return m;
    }

    private static List<Map<String, Object>> actions(List<Available.Option> options, Texts labels, String from) {
        return options.stream().map(o -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("action", o.action());
            a.put("allowed", o.allowed());
            a.put("needsComment", o.needsComment());
            a.put("label", Html.both(labels.label("event", o.action())));
            a.put("reason", o.reason() == null ? null : Html.both(o.reason()));
            a.put("from", from);
            return a;
        }).toList();
    }

    private static Map<String, Object> tally(TallyView t, Texts labels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bodyCode", t.body());
        m.put("body", Html.both(labels.label("body", t.body())));
        m.put("members", t.members());
        m.put("present", t.present());
        m.put("recused", t.recused());
        m.put("approve", t.approve());
        m.put("reject", t.reject());
        m.put("abstain", t.abstain());
        m.put("quorumMet", t.quorumMet());
        m.put("approveLabel", Html.both(labels.label("vote", "APPROVE")));
        m.put("rejectLabel", Html.both(labels.label("vote", "REJECT")));
        m.put("abstainLabel", Html.both(labels.label("vote", "ABSTAIN")));
        return m;
    }

    private static Map<String, Object> shown(Shown refusal) {
        return refusal == null ? null : Map.of("code", refusal.code(), "reason", Html.both(refusal.reason()));
    }
}
