package th.or.depa.smartcity.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import th.or.depa.smartcity.api.OpenApiDocument;
import th.or.depa.smartcity.auth.Role;

/** Every resource method under /api is in the document with the roles that may call it, and nothing else is. */
class DocumentCoversTheResourcesTest {

    private static final JsonNode DOC = OpenApiDocument.load().tree();
    private static final List<String> EVERYONE = Arrays.stream(Role.values()).map(Enum::name).sorted().toList();

    /** "METHOD /path" → the roles that may call it (sorted; empty: public), as the resources declare them. */
    private static Map<String, List<String>> declared() {
        Map<String, List<String>> out = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("th.or.depa.smartcity.api")) {
            Class<?> type = c.reflect();
            Path root = type.getAnnotation(Path.class);
            if (root == null || !root.value().startsWith("/api")) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = (root.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/")
                        .replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/$", "");
                out.put(verb + " " + path, roles(type, m));
            }
        }
        return out;
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static List<String> roles(Class<?> type, Method m) {
        RolesAllowed allowed = m.getAnnotation(RolesAllowed.class);
        if (allowed == null && m.getAnnotation(PermitAll.class) != null) {
            return EVERYONE;
        }
        if (allowed == null) {
            allowed = type.getAnnotation(RolesAllowed.class);
        }
        return allowed == null ? List.of() : new TreeSet<>(List.of(allowed.value())).stream().toList();
    }

    /** The same, as the document says it. */
    private static Map<String, List<String>> documented() {
        Map<String, List<String>> out = new TreeMap<>();
        DOC.path("paths").properties().forEach(p -> {
            if (p.getKey().startsWith("/api")) {
                p.getValue().properties().forEach(op -> {
                    if (!op.getKey().equals("parameters")) {
                        TreeSet<String> roles = new TreeSet<>();
                        op.getValue().path("x-roles").forEach(r -> roles.add(r.asText()));
                        out.put(op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey(), List.copyOf(roles));
                    }
                });
            }
        });
        return out;
    }

    @Test
    void everyOperationUnderApiIsDocumentedWithTheRolesThatMayCallIt() {
        Map<String, List<String>> declared = declared();
        Map<String, List<String>> documented = documented();
        assertEquals(declared, documented);
    }

    @Test
    void everyOperationHasASummaryAndSaysItsRolesInWords() {
        DOC.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            if (!op.getKey().equals("parameters")) {
                String where = op.getKey() + " " + p.getKey();
                assertEquals(true, op.getValue().path("summary").asText().length() > 3, where + ": summary");
                assertEquals(true, op.getValue().has("x-roles"), where + ": x-roles");
                String description = op.getValue().path("description").asText();
                op.getValue().path("x-roles").forEach(r -> assertEquals(true,
                        description.contains(r.asText()) || description.contains("any signed-in user"), where + ": " + r));
            }
        }));
    }
}
