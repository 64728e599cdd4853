package th.or.depa.smartcity.facts;

import java.time.LocalDate;
import java.util.List;

/** The Smart City Thailand certificate the committee's approval awards: validity and the domains covered. */
public record Certificate(LocalDate validFrom, LocalDate validUntil, List<String> domains) {
}
