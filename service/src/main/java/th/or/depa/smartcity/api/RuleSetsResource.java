package th.or.depa.smartcity.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.plan.StorableText;
import th.or.depa.smartcity.ruleset.ImpactAnalysis;
import th.or.depa.smartcity.engine.RuleFiles;
import th.or.depa.smartcity.ruleset.RuleSetDiff;
import th.or.depa.smartcity.ruleset.RuleSetNotFound;
import th.or.depa.smartcity.ruleset.RuleSets;
import th.or.depa.smartcity.store.RuleSetRow;

/**
 * Rule-set versions (api.md, Criteria and rule sets): list, read, propose (whole, or as changes to a base), impact,
 * activate, roll back; each version says who proposed, activated and rolled back to it, when, and its rule tests.
 */
@Path("/api/rulesets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class RuleSetsResource {

    private static final int MAX_FILES = 500;

    private final RuleSets ruleSets;
    private final ImpactAnalysis impact;
    private final RuleSetDiff diff;

    public RuleSetsResource(RuleSets ruleSets, ImpactAnalysis impact) {
        this.ruleSets = ruleSets;
        this.impact = impact;
        this.diff = new RuleSetDiff(ruleSets);
    }

    @GET
    @RolesAllowed({Role.REVIEWER_, Role.ADMIN_, Role.OFFICE_, Role.COMMITTEE_})
    public Map<String, Object> list() {
        List<Map<String, Object>> items = ruleSets.list().stream().map(r -> describe(r, false)).toList();
        return Map.of("items", items);
    }

    @GET
    @Path("/status")
    @RolesAllowed({Role.REVIEWER_, Role.ADMIN_, Role.OFFICE_, Role.COMMITTEE_})
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        ruleSets.inForceIfAny().ifPresent(f -> out.put("inForce",
                Map.of("version", f.version(), "sha256", f.rules().sha256(), "criteria", f.rules().criteria().size())));
        out.put("lastReload", ruleSets.lastReload().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", r.at());
            m.put("ok", r.errors().isEmpty());
            m.put("stored", r.stored());
            m.put("version", r.version());
            m.put("matches", r.stored() ? null : r.version());
            m.put("sha256", r.sha256());
            m.put("errors", r.errors());
            return m;
        }).orElse(null));
        return out;
    }

    @GET
    @Path("/{version}")
    @RolesAllowed({Role.REVIEWER_, Role.ADMIN_, Role.OFFICE_, Role.COMMITTEE_})
    public Map<String, Object> get(@PathParam("version") String version) {
        return describe(ruleSets.find(number(version)).orElseThrow(RuleSetNotFound::new), true);
    }

    /** Files as unified diffs and thresholds as name: old → new, against a version (default: the one in force). */
    @GET
    @Path("/{version}/diff")
    @RolesAllowed({Role.REVIEWER_, Role.ADMIN_, Role.OFFICE_, Role.COMMITTEE_})
    public RuleSetDiff.Diff diff(@PathParam("version") String version, @QueryParam("against") String against) {
        int v = number(version);
        Integer w = null;
        if (against != null) {
            try {
                w = Integer.parseInt(against.strip());
            } catch (NumberFormatException e) {
                throw ApiException.field(422, "against", "must be a rule-set version number");
            }
        }
        try {
            return diff.between(v, w);
        } catch (RuleSetDiff.UnknownAgainst e) {
            throw ApiException.field(422, "against", e.getMessage());
        }
    }

    @POST
    @RolesAllowed(Role.REVIEWER_)
    public Response propose(@Auth User reviewer, InputStream body) {
        Map<String, JsonNode> b = JsonBodies.read(body, Map.of("files", JsonBodies.Type.OBJECT,
                "note", JsonBodies.Type.TEXT, "base", JsonBodies.Type.INTEGER, "delete", JsonBodies.Type.ARRAY),
                java.util.Set.of());
        String note = JsonBodies.text(b, "note");
        RuleSetRow row = b.containsKey("base")
                ? ruleSets.proposeChanges(b.get("base").asInt(), changed(b.get("files")), paths(b.get("delete")), note,
                        reviewer)
                : ruleSets.propose(files(required(b, "files")), note, reviewer);
        return Response.created(URI.create("/api/rulesets/" + row.version())).entity(describe(row, false)).build();
    }

    @POST
    @Path("/{version}/impact")
    @RolesAllowed(Role.REVIEWER_)
    public ImpactAnalysis.Report impact(@PathParam("version") String version) {
        return impact.run(number(version));
    }

    @POST
    @Path("/{version}/activate")
    @RolesAllowed(Role.REVIEWER_)
    public Map<String, Object> activate(@Auth User reviewer, @PathParam("version") String version) {
        return describe(ruleSets.activate(number(version), reviewer), false);
    }

    @POST
    @Path("/{version}/rollback")
    @RolesAllowed({Role.REVIEWER_, Role.ADMIN_})
    public Map<String, Object> rollback(@Auth User by, @PathParam("version") String version) {
        return describe(ruleSets.rollback(number(version), by), false);
    }

    /** A whole proposal carries files; "delete" only goes with a "base". */
    private static JsonNode required(Map<String, JsonNode> b, String field) {
        if (b.containsKey("delete")) {
            throw ApiException.field(422, "delete", "only a proposal with a \"base\" deletes files");
        }
        if (!b.containsKey(field)) {
            throw ApiException.field(422, field, "is required");
        }
        return b.get(field);
    }

    /** The files a partial proposal replaces or adds (none: it only deletes). */
    private static Map<String, String> changed(JsonNode node) {
        return node == null ? Map.of() : files(node).files();
    }

    /** The paths a partial proposal deletes: strings, each named delete[i] when it is not one. */
    private static List<String> paths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        if (node == null) {
            return paths;
        }
        if (node.size() > MAX_FILES) {
            throw ApiException.field(422, "delete", "must have at most " + MAX_FILES + " paths");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual() || StorableText.problem(node.get(i).asText()) != null) {
                throw ApiException.field(422, "delete[" + i + "]", "must be the path of a file of the base");
            }
            paths.add(node.get(i).asText());
        }
        return paths;
    }

    private static int number(String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw new RuleSetNotFound();
        }
    }

    /** Paths are relative, forward-slashed and stay inside the rule set; contents are text. */
    private static RuleFiles files(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        if (node.size() > MAX_FILES) {
            errors.add(new FieldError("files", "must have at most " + MAX_FILES + " files"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String path = StorableText.visible(f.getKey());
            if (!path.matches("[A-Za-z0-9_\\-]+(/[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*)*(\\.[A-Za-z0-9]+)+")
                    || path.contains("..")) {
                errors.add(new FieldError("files." + path, "must be a relative path like criteria/SC-03.drl"));
            } else if (!f.getValue().isTextual()) {
                errors.add(new FieldError("files." + path, "must be the file's text"));
            } else if (StorableText.problem(f.getValue().asText()) != null) {
                errors.add(new FieldError("files." + path, StorableText.problem(f.getValue().asText())));
            } else {
                files.put(path, f.getValue().asText());
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, errors.get(0).field() + ": " + errors.get(0).message(), errors, null);
        }
        return new RuleFiles(files);
    }

    private Map<String, Object> describe(RuleSetRow r, boolean withContents) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", r.version());
        m.put("sha256", r.sha256());
        m.put("status", r.status());
        m.put("statusAt", r.statusAt());
        m.put("proposedBy", r.createdBy());
        m.put("proposedAt", r.createdAt());
        m.put("activatedBy", r.activatedBy());
        m.put("activatedAt", r.activatedAt());
        m.put("retiredAt", r.retiredAt());
        m.put("rolledBackBy", r.rolledBackBy());
        m.put("rolledBackAt", r.rolledBackAt());
        m.put("note", r.note());
        m.put("tests", ruleSets.testsOf(r));
        if (r.files() != null && !r.files().isEmpty()) {
            Map<String, String> files = ruleSets.filesOf(r).files();
            m.put("files", withContents ? files : List.copyOf(files.keySet()));
        }
        return m;
    }
}
