package th.or.depa.smartcity.facts;

import java.time.LocalDate;
import java.util.List;

/** The certificate a plan holds when a request arrives (absent when it holds none): what a renewal continues. */
public record CurrentCertificate(LocalDate validFrom, LocalDate validUntil, List<String> domains) {
}
