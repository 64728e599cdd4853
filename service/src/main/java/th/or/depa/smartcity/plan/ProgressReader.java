package th.or.depa.smartcity.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a progress report (README "Renewal") strictly, as PlanReader reads a plan: plain JSON, every problem at once
 * with its field path (422), never a partial report. It is read against the certified plan: a KPI or service the plan
 * does not name, one it names that is missing, one reported twice, and a year outside the certificate's period are
 * format errors. KPIs and services are named as the plan names them (name); equal names count as one.
 */
public final class ProgressReader {

    private static final Set<String> TOP = Set.of("kpis", "services", "dataPlatform", "note");
    private static final Set<String> KPI = Set.of("kpi", "achieved", "year");
    private static final Set<String> SERVICE = Set.of("service", "status", "spentToDate");
    private static final Set<String> PLATFORM = Set.of("operating", "url");
    private static final int MAX_NOTE = 5000;
    private static final int MAX_URL = 2000;

    private final StrictJson json;

    public ProgressReader(ObjectMapper mapper) {
        this.json = new StrictJson(Objects.requireNonNull(mapper, "mapper").getNodeFactory());
    }

    /** The report, or 400 (not JSON) / 422 (every field error); fromYear..toYear: the certificate's period. */
    public ProgressReport read(byte[] body, Plan plan, int fromYear, int toYear) {
        StrictJson.Parsed parsed = json.parse(body);
        List<FieldError> errors = new ArrayList<>();
        parsed.repeatedKeys().forEach(k -> errors.add(new FieldError(k, "appears more than once")));
        JsonNode tree = parsed.tree();
        if (!tree.isObject()) {
            throw new PlanFormatException(422, List.of(new FieldError("", "the body must be a JSON object")));
        }
        unknown(tree, "", TOP, errors);
        Set<String> planKpis = new LinkedHashSet<>();
        Set<String> planServices = new LinkedHashSet<>();
        for (Plan.DomainPlan d : orEmpty(plan.domains())) {
            for (Plan.Service s : orEmpty(d.services())) {
                if (s.name() != null) {
                    planServices.add(s.name());
                }
                orEmpty(s.kpis()).stream().map(Plan.Kpi::name).filter(Objects::nonNull).forEach(planKpis::add);
            }
        }
        List<ProgressReport.KpiAchieved> kpis = new ArrayList<>();
        Set<String> seenKpis = new LinkedHashSet<>();
        forEach(tree, "kpis", errors, (k, path) -> {
            unknown(k, path, KPI, errors);
            String name = named(k, path, "kpi", planKpis, seenKpis, "a KPI of the certified plan", errors);
            BigDecimal achieved = number(k, path, "achieved", false, errors);
            Integer year = year(k, path, fromYear, toYear, errors);
            if (name != null && achieved != null && year != null) {
                kpis.add(new ProgressReport.KpiAchieved(name, achieved, year));
            }
        });
        missing(tree, "kpis", planKpis, seenKpis, "KPI", errors);
        List<ProgressReport.ServiceStatus> services = new ArrayList<>();
        Set<String> seenServices = new LinkedHashSet<>();
        forEach(tree, "services", errors, (s, path) -> {
            unknown(s, path, SERVICE, errors);
            String name = named(s, path, "service", planServices, seenServices, "a service of the certified plan",
                    errors);
            String status = text(s, path + ".status", s.get("status"), true, 20, errors);
            if (status != null && !ProgressReport.SERVICE_STATUSES.contains(status)) {
                errors.add(new FieldError(path + ".status", "must be one of " + ProgressReport.SERVICE_STATUSES));
                status = null;
            }
            BigDecimal spent = number(s, path, "spentToDate", true, errors);
            if (name != null && status != null && spent != null) {
                services.add(new ProgressReport.ServiceStatus(name, status, spent));
            }
        });
        missing(tree, "services", planServices, seenServices, "service", errors);
        ProgressReport.DataPlatform platform = null;
        JsonNode p = tree.get("dataPlatform");
        if (p == null || p.isNull()) {
            errors.add(new FieldError("dataPlatform", "is required"));
        } else if (!p.isObject()) {
            errors.add(new FieldError("dataPlatform", "must be an object"));
        } else {
            unknown(p, "dataPlatform", PLATFORM, errors);
            JsonNode operating = p.get("operating");
            if (operating == null || !operating.isBoolean()) {
                errors.add(new FieldError("dataPlatform.operating", "is required: true or false"));
            }
            String url = text(p, "dataPlatform.url", p.get("url"), false, MAX_URL, errors);
            if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                errors.add(new FieldError("dataPlatform.url", "must be an http or https address"));
            }
            if (operating != null && operating.isBoolean()) {
                platform = new ProgressReport.DataPlatform(operating.booleanValue(), url);
            }
        }
        String note = text(tree, "note", tree.get("note"), false, MAX_NOTE, errors);
        if (!errors.isEmpty()) {
            throw new PlanFormatException(422, errors);
        }
        return new ProgressReport(List.copyOf(kpis), List.copyOf(services), platform, note);
    }

    private interface Item {
        void read(JsonNode item, String path);
    }

    private static void forEach(JsonNode tree, String field, List<FieldError> errors, Item item) {
        JsonNode list = tree.get(field);
        if (list == null || list.isNull()) {
            errors.add(new FieldError(field, "is required"));
        } else if (!list.isArray()) {
            errors.add(new FieldError(field, "must be a list"));
        } else {
            for (int i = 0; i < list.size(); i++) {
                String path = field + "[" + i + "]";
                if (!list.get(i).isObject()) {
                    errors.add(new FieldError(path, "must be an object"));
                } else {
                    item.read(list.get(i), path);
                }
            }
        }
    }

    private static String named(JsonNode item, String path, String field, Set<String> known, Set<String> seen,
                                String what, List<FieldError> errors) {
        String name = text(item, path + "." + field, item.get(field), true, 500, errors);
        if (name == null) {
            return null;
        }
        if (!known.contains(name)) {
            errors.add(new FieldError(path + "." + field, "is not " + what + ": " + name));
            return null;
        }
        if (!seen.add(name)) {
            errors.add(new FieldError(path + "." + field, "is reported twice: " + name));
            return null;
        }
        return name;
    }

    private static void missing(JsonNode tree, String field, Set<String> known, Set<String> seen, String what,
                                List<FieldError> errors) {
        if (tree.path(field).isArray()) {
            known.stream().filter(k -> !seen.contains(k)).forEach(k ->
                    errors.add(new FieldError(field, "misses the " + what + " " + k + " of the certified plan")));
        }
    }

    private static String text(JsonNode parent, String path, JsonNode v, boolean required, int max,
                               List<FieldError> errors) {
        if (v == null || v.isNull()) {
            if (required) {
                errors.add(new FieldError(path, "is required"));
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            errors.add(new FieldError(path, required ? "must be a text that is not blank" : "must be a text"));
            return null;
        }
        if (v.asText().length() > max) {
            errors.add(new FieldError(path, "is longer than " + max + " characters"));
            return null;
        }
        String problem = StorableText.problem(v.asText());
        if (problem != null) {
            errors.add(new FieldError(path, problem));
            return null;
        }
        return v.asText();
    }

    private static BigDecimal number(JsonNode item, String path, String field, boolean notNegative,
                                     List<FieldError> errors) {
        JsonNode v = item.get(field);
        String at = path + "." + field;
        if (v == null || v.isNull()) {
            errors.add(new FieldError(at, "is required"));
            return null;
        }
        if (!v.isNumber() || (v.isDouble() && !Double.isFinite(v.doubleValue()))) {
            errors.add(new FieldError(at, "must be a number"));
            return null;
        }
        BigDecimal d = v.decimalValue();
        if (notNegative && d.signum() < 0) {
            errors.add(new FieldError(at, "must not be negative"));
            return null;
        }
        return d;
    }

    private static Integer year(JsonNode item, String path, int from, int to, List<FieldError> errors) {
        JsonNode v = item.get("year");
        String at = path + ".year";
        if (v == null || v.isNull()) {
            errors.add(new FieldError(at, "is required"));
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            errors.add(new FieldError(at, "must be a year (an integer)"));
            return null;
        }
        if (v.intValue() < from || v.intValue() > to) {
            errors.add(new FieldError(at, "must be within the certificate's period, " + from + " to " + to));
            return null;
        }
        return v.intValue();
    }

    private static void unknown(JsonNode object, String path, Set<String> known, List<FieldError> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!known.contains(name)) {
                errors.add(new FieldError(FieldPath.field(path, name), "is not a field of a progress report"));
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
