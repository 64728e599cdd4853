package th.or.depa.smartcity.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.engine.ParametersFile;
import th.or.depa.smartcity.engine.RuleError;
import th.or.depa.smartcity.evaluation.Evaluation.Bilingual;
import th.or.depa.smartcity.report.Html;
import th.or.depa.smartcity.evaluation.Texts;
import th.or.depa.smartcity.ruleset.ImpactAnalysis;
import th.or.depa.smartcity.ruleset.ImpactJobs;
import th.or.depa.smartcity.ruleset.RuleSetDiff;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.store.RuleSetRow;

/**
 * The models of the reviewer's pages (templates in web/templates): plain values, escaped by the template, and
 * bilingual labels already made HTML by {@link Html}. Which buttons a page shows follows the roles that
 * {@link RuleSetPages} checks again on every POST.
 */
final class RuleSetViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleSetViews() {
    }

    /** What every page has: its title, the style sheets and script, the navigation, the forms' CSRF token. */
    static Map<String, Object> page(Viewer viewer, Bilingual title) {
        return WebPages.page(viewer, title, "rulesets");
    }

    static Map<String, Object> list(Viewer viewer, List<RuleSetRow> rows) {
        Map<String, Object> m = page(viewer, WebMessages.of("rulesets.title"));
        m.put("canPropose", viewer.user().role() == Role.REVIEWER);
        m.put("versions", rows.stream().map(RuleSetViews::row).toList());
        return m;
    }

    static Map<String, Object> version(Viewer viewer, RuleSetRow row, Map<String, String> files,
                                       RuleSetDiff.Diff diff, int inForce) {
        Map<String, Object> m = page(viewer, WebMessages.of("ruleset.title", row.version()));
        m.putAll(row(row));
        m.put("heading", Html.both(WebMessages.of("ruleset.title", row.version())));
        m.put("sha256", row.sha256());
        Role role = viewer.user().role();
        m.put("canActivate", role == Role.REVIEWER && "PROPOSED".equals(row.status()));
        m.put("canRollback", (role == Role.REVIEWER || role == Role.ADMIN) && "RETIRED".equals(row.status()));
        m.put("canImpact", role == Role.REVIEWER && !"ACTIVE".equals(row.status()));
        m.put("isInForce", row.version() == inForce);
        m.put("diffHeading", Html.both(WebMessages.of("ruleset.diff", inForce)));
        m.put("diff", row.version() == inForce ? null : diff(diff));
        m.put("ruleTests", ruleTests(row.tests()));
        m.put("ruleFiles", files.entrySet().stream().map(f -> Map.of("path", f.getKey(), "content", f.getValue()))
                .toList());
        return m;
    }

    static Map<String, Object> impact(Viewer viewer, ImpactJobs.Job job, Texts labels) {
        Map<String, Object> m = page(viewer, WebMessages.of("impact.title", job.version()));
        m.put("heading", Html.both(WebMessages.of("impact.title", job.version())));
        m.put("version", job.version());
        m.put("id", job.id());
        m.put("running", !job.finished());
        m.put("queued", job.state() == ImpactJobs.State.QUEUED);
        m.put("done", job.done());
        m.put("total", Math.max(job.total(), job.done()));
        m.put("failed", job.state() == ImpactJobs.State.FAILED);
        m.put("errors", errors(job.errors()));
        m.put("serviceFault", job.state() == ImpactJobs.State.FAILED && job.errors().isEmpty());
        m.put("report", job.report() == null ? null : report(job.report(), labels));
        return m;
    }

    /** The threshold form: every line of parameters.csv with its meaning; problems by name after a refused post. */
    static Map<String, Object> thresholds(Viewer viewer, int base, List<ParametersFile.Line> lines,
                                          Map<String, String> values, Map<String, Bilingual> problems, String note) {
        Map<String, Object> m = page(viewer, WebMessages.of("thresholds.title"));
        m.put("base", base);
        m.put("intro", Html.both(WebMessages.of("thresholds.intro", base)));
        m.put("note", note);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ParametersFile.Line l : lines) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", l.name());
            r.put("value", values.getOrDefault(l.name(), l.value()));
            r.put("type", l.type());
            r.put("meaning", l.meaning());
            r.put("problem", problems.containsKey(l.name()) ? Html.both(problems.get(l.name())) : null);
            rows.add(r);
        }
        m.put("thresholds", rows);
        return m;
    }

    /** A refusal or an error: a heading and a message in both languages, the rule errors if any, a way back. */
    static Map<String, Object> message(Viewer viewer, Bilingual heading, Bilingual message, List<RuleError> errors,
                                       String back) {
        Map<String, Object> m = page(viewer, heading);
        m.put("heading", Html.both(heading));
        m.put("message", message == null ? null : Html.both(message));
        m.put("errors", errors(errors));
        m.put("hasErrors", !errors.isEmpty());
        m.put("back", back);
        return m;
    }

    static List<String> errors(List<RuleError> errors) {
        return errors.stream().map(RuleError::toString).toList();
    }

    private static Map<String, Object> row(RuleSetRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", r.version());
        m.put("stateCode", r.status());
        m.put("stateClass", r.status().toLowerCase(Locale.ROOT));
        m.put("state", Html.both(WebMessages.of("ruleset.state." + r.status())));
        m.put("proposer", RuleSets.FOLDER.equals(r.createdBy()) ? Html.both(WebMessages.of("rulesets.folder"))
                : Html.text(r.createdBy()));
        m.put("proposedAt", Html.time(r.createdAt()));
        m.put("stateAt", Html.time(r.statusAt()));
        m.put("activator", r.activatedBy() == null ? "—" : Html.text(r.activatedBy()) + " " + Html.time(r.activatedAt()));
        m.put("note", r.note());
        return m;
    }

    /** The rule-test counts the check stored on the version ({"files","cases","passed"}), as one line. */
    private static List<String> ruleTests(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            JsonNode t = JSON.readTree(json);
            Bilingual line = WebMessages.of("ruleset.testsLine", t.path("files").asInt(), t.path("cases").asInt(),
                    t.path("passed").asInt());
            return List.of(line.en() + " / " + line.th());
        } catch (JsonProcessingException unreadable) {
            return List.of();
        }
    }

    private static Map<String, Object> diff(RuleSetDiff.Diff d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hasParameters", !d.parameters().isEmpty());
        m.put("parameters", d.parameters().stream().map(p -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", p.name());
            r.put("old", p.old() == null ? "—" : p.old());
            r.put("value", p.value() == null ? "—" : p.value());
            return r;
        }).toList());
        m.put("changes", d.files().stream().map(f -> Map.of("path", f.path(),
                "change", Html.both(WebMessages.of("diff.change." + f.change())),
                "lines", f.diff().lines().map(RuleSetViews::diffLine).toList())).toList());
        m.put("noChanges", d.files().isEmpty());
        return m;
    }

    private static Map<String, String> diffLine(String line) {
        String cls = line.startsWith("+++") || line.startsWith("---") ? "head" : line.startsWith("@@") ? "hunk"
                : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
        return Map.of("cls", cls, "text", line);
    }

    private static Map<String, Object> report(ImpactAnalysis.Report r, Texts labels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("summary", Html.both(WebMessages.of("impact.summary", r.plans(), r.candidate(), r.inForce(),
                String.valueOf(r.seconds()))));
        m.put("passToFail", r.outcomeChanged().getOrDefault("passToFail", 0L));
        m.put("failToPass", r.outcomeChanged().getOrDefault("failToPass", 0L));
        List<Map<String, Object>> byCriterion = new ArrayList<>();
        r.byCriterion().forEach((criterion, changes) -> changes.forEach((key, count) -> {
            String[] codes = key.split("To(?=[A-Z])", 2);
            byCriterion.add(Map.of("criterion", criterion, "before", status(codes[0], labels), "after", status(codes[1], labels),
                    "count", count));
        }));
        m.put("byCriterion", byCriterion);
        m.put("hasCriteria", !byCriterion.isEmpty());
        m.put("changedPlans", r.changedPlans().stream().map(p -> Map.of("id", p.id(),
                "before", Html.both(labels.label("outcome", p.before())), "after", Html.both(labels.label("outcome", p.after())),
                "criteria", p.criteria().stream().map(c -> Map.of("id", c.get("id"),
                        "before", status(c.get("before"), labels), "after", status(c.get("after"), labels))).toList())).toList());
        m.put("noChangedPlans", r.changedPlans().isEmpty());
        m.put("moreChanged", r.changedPlansTotal() > r.changedPlans().size()
                ? Html.both(WebMessages.of("impact.moreChanged", r.changedPlans().size(), r.changedPlansTotal())) : null);
        m.put("neverFired", r.neverFired());
        m.put("hasNeverFired", !r.neverFired().isEmpty());
        return m;
    }

    /** A status code or its camel-case spelling in a byCriterion key (notMet, NOT_MET), in both languages. */
    private static String status(String code, Texts labels) {
        String upper = code.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return "ABSENT".equals(upper) ? Html.both(WebMessages.of("impact.absent")) : Html.both(labels.label("status", upper));
    }
}
