package th.or.depa.smartcity.facts;

import java.time.LocalDate;

/**
 * A certificate a plan holds, as the certificate rules (rules/workflow/certificate.drl) judge its status: the plan's
 * state, the last day it is valid, and whether a renewal continued it (a previous certificate).
 */
public record CertificateHeld(String planState, LocalDate validUntil, boolean renewed) {
}
