package th.or.depa.smartcity.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import th.or.depa.smartcity.facts.CurrentCertificate;
import th.or.depa.smartcity.store.StoredJson;

/** Reading a plan's stored certificate (JSON) as the fact the workflow and renewal rules read. */
final class Renewals {

    private Renewals() {
    }

    /** The certificate a plan holds, or null when it holds none. */
    static CurrentCertificate current(ObjectMapper mapper, String certificate) {
        if (certificate == null) {
            return null;
        }
        JsonNode c = StoredJson.read(mapper, certificate);
        List<String> domains = new ArrayList<>();
        c.path("domains").forEach(d -> domains.add(d.asText()));
        return new CurrentCertificate(LocalDate.parse(c.path("validFrom").asText()),
                LocalDate.parse(c.path("validUntil").asText()), List.copyOf(domains));
    }
}
