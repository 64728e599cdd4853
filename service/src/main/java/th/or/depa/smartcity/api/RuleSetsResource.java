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

/** Rule-set versions (api.md, Criteria and rule sets): list, read, propose, impact, activate, roll back. */
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
            m.put("version", r.version());
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
                "note", JsonBodies.Type.TEXT), java.util.Set.of("files"));
        RuleSetRow row = ruleSets.propose(files(b.get("files")), JsonBodies.text(b, "note"), reviewer);
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
    public Map<String, Object> rollback(@PathParam("version") String version) {
        return describe(ruleSets.rollback(number(version)), false);
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
        m.put("createdBy", r.createdBy());
        m.put("createdAt", r.createdAt());
        m.put("statusAt", r.statusAt());
        m.put("note", r.note());
        if (r.files() != null && !r.files().isEmpty()) {
            Map<String, String> files = ruleSets.filesOf(r).files();
            m.put("files", withContents ? files : List.copyOf(files.keySet()));
        }
        return m;
    }
}
