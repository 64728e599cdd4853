package th.or.depa.smartcity.facts;

import java.util.List;

/**
 * The plan's scalar facts, flattened so that a rule reads {@code Plan( areaKm2 > 0 )}. Absent values are null.
 * visionChars and nonBlankGoals are measurements (see {@link Text}), not judgements.
 */
public record Plan(
        String kind,
        String province,
        Double areaKm2,
        Long population,
        String vision,
        int visionChars,
        List<String> goals,
        int nonBlankGoals,
        Integer startYear,
        Integer endYear,
        List<String> digital,
        String platformStatus,
        Boolean openData,
        Boolean dataGovernance,
        Boolean privacyCompliance,
        Boolean cybersecurity,
        Long datasets,
        Long hearings,
        Long participants,
        List<String> sectors,
        String managementBody,
        Boolean managementEstablished,
        Double totalBudget,
        String sustainability) {
}
