package th.or.depa.smartcity.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import th.or.depa.smartcity.plan.PlanFormatException;
import th.or.depa.smartcity.plan.PlanStates;
import th.or.depa.smartcity.plan.FieldError;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.workflow.WorkflowService;

/**
 * The query of GET /api/reports/decisions: a period of calendar days in Asia/Bangkok (each end optional and
 * inclusive), a state, a province and a format. A bad value is a 422 naming the parameter.
 */
public record DecisionQuery(LocalDate from, LocalDate to, String status, String province, Format format) {

    public enum Format { JSON, CSV, HTML, PDF }

    /** Stands for "no bound": both databases store these instants, and no plan is updated outside them. */
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    public static DecisionQuery parse(String from, String to, String status, String province, String format,
                                      Provinces provinces) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate f = date("from", from, errors);
        LocalDate t = date("to", to, errors);
        if (f != null && t != null && t.isBefore(f)) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        if (status != null && !PlanStates.ALL.contains(status)) {
            errors.add(new FieldError("status", "must be one of "
                    + String.join(", ", PlanStates.ALL.stream().sorted().toList())));
        }
        String prov = null;
        if (province != null) {
            prov = provinces.englishName(province).orElse(null);
            if (prov == null) {
                errors.add(new FieldError("province", "unknown province"));
            }
        }
        Format fmt = format(format, errors);
        if (!errors.isEmpty()) {
            throw new PlanFormatException(422, errors);
        }
        return new DecisionQuery(f, t, status, prov, fmt);
    }

    /** The first instant of the period. */
    public Instant fromInstant() {
        return from == null ? EARLIEST : from.atStartOfDay(WorkflowService.BANGKOK).toInstant();
    }

    /** The first instant after the period (to is inclusive: the whole day counts). */
    public Instant toInstantExclusive() {
        return to == null ? LATEST : to.plusDays(1).atStartOfDay(WorkflowService.BANGKOK).toInstant();
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value.strip());
            if (d.getYear() >= 1900 && d.getYear() <= 9000) {
                return d;
            }
        } catch (DateTimeParseException ignored) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a date as YYYY-MM-DD (years 1900 to 9000)"));
        return null;
    }

    private static Format format(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return Format.JSON;
        }
        try {
            return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("format", "must be json, csv, html or pdf"));
            return Format.JSON;
        }
    }
}
