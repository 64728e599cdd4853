package th.or.depa.smartcity.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * A smart-city development plan as a city submits it (spec/plan.md), after validation.
 * Every field but applicant.name/type and city.name/province/kind may be null.
 * Serialised back to JSON this is "the plan as submitted" (province normalised to its English name).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Plan(
        String reference,
        Applicant applicant,
        City city,
        String vision,
        List<String> goals,
        Period period,
        List<DomainPlan> domains,
        Infrastructure infrastructure,
        DataPlatform dataPlatform,
        Participation participation,
        Management management,
        Finance finance) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Applicant(String name, String nameTh, String type, String contactEmail) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record City(String name, String nameTh, String province, String kind, BigDecimal areaKm2, Long population) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Period(Integer startYear, Integer endYear) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DomainPlan(String domain, List<Service> services) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Service(String name, String description, BigDecimal budgetThb, Integer startYear, Integer endYear,
                          List<Kpi> kpis) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Kpi(String name, String unit, BigDecimal baseline, BigDecimal target, Integer targetYear) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Infrastructure(List<String> digital, List<String> physical, String description) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataPlatform(String status, Boolean openData, Boolean dataGovernance, Boolean privacyCompliance,
                               Boolean cybersecurity, Long datasets) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Participation(Long hearings, Long participants, List<String> sectors) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Management(String body, Boolean established, Long staff) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finance(BigDecimal totalBudgetThb, List<FundingSource> sources, String sustainability) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FundingSource(String source, BigDecimal amountThb) {}
}
