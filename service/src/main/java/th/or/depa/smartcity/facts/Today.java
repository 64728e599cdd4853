package th.or.depa.smartcity.facts;

import java.time.LocalDate;

/** The calendar day in Asia/Bangkok when the request is decided. */
public record Today(LocalDate date) {
}
