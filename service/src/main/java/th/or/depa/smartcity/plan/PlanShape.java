package th.or.depa.smartcity.plan;

import static th.or.depa.smartcity.plan.Field.optional;
import static th.or.depa.smartcity.plan.Field.required;
import static th.or.depa.smartcity.plan.Field.unique;
import static th.or.depa.smartcity.plan.Kinds.AMOUNT;
import static th.or.depa.smartcity.plan.Kinds.COUNT;
import static th.or.depa.smartcity.plan.Kinds.FLAG;
import static th.or.depa.smartcity.plan.Kinds.NUMBER;
import static th.or.depa.smartcity.plan.Kinds.PROVINCE;
import static th.or.depa.smartcity.plan.Kinds.TEXT;
import static th.or.depa.smartcity.plan.Kinds.WORD;
import static th.or.depa.smartcity.plan.Kinds.YEAR;
import static th.or.depa.smartcity.plan.Kinds.listOf;
import static th.or.depa.smartcity.plan.Kinds.object;
import static th.or.depa.smartcity.plan.Kinds.oneOf;

/** The plan of spec/plan.md as data: every object, its fields and what each may hold. */
final class PlanShape {
    private PlanShape() {}

    static final Obj<Plan.Applicant> APPLICANT = object(
            v -> new Plan.Applicant(v.get("name"), v.get("nameTh"), v.get("type"), v.get("contactEmail")),
            required("name", TEXT),
            optional("nameTh", TEXT),
            required("type", oneOf("LOCAL_GOVERNMENT", "STATE_AGENCY", "STATE_ENTERPRISE", "PRIVATE", "UNIVERSITY",
                    "PARTNERSHIP")),
            optional("contactEmail", TEXT));

    static final Obj<Plan.City> CITY = object(
            v -> new Plan.City(v.get("name"), v.get("nameTh"), v.get("province"), v.get("kind"), v.get("areaKm2"),
                    v.get("population")),
            required("name", TEXT),
            optional("nameTh", TEXT),
            required("province", PROVINCE),
            required("kind", oneOf("LIVABLE", "NEW")),
            optional("areaKm2", AMOUNT),
            optional("population", COUNT));

    static final Obj<Plan.Period> PERIOD = object(
            v -> new Plan.Period(v.get("startYear"), v.get("endYear")),
            optional("startYear", YEAR),
            optional("endYear", YEAR));

    static final Obj<Plan.Kpi> KPI = object(
            v -> new Plan.Kpi(v.get("name"), v.get("unit"), v.get("baseline"), v.get("target"), v.get("targetYear")),
            optional("name", TEXT),
            optional("unit", TEXT),
            optional("baseline", NUMBER),
            optional("target", NUMBER),
            optional("targetYear", YEAR));

    static final Obj<Plan.Service> SERVICE = object(
            v -> new Plan.Service(v.get("name"), v.get("description"), v.get("budgetThb"), v.get("startYear"),
                    v.get("endYear"), v.get("kpis")),
            optional("name", TEXT),
            optional("description", TEXT),
            optional("budgetThb", AMOUNT),
            optional("startYear", YEAR),
            optional("endYear", YEAR),
            optional("kpis", listOf(KPI)));

    static final Obj<Plan.DomainPlan> DOMAIN = object(
            v -> new Plan.DomainPlan(v.get("domain"), v.get("services")),
            unique("domain", oneOf("ENVIRONMENT", "ECONOMY", "MOBILITY", "ENERGY", "PEOPLE", "LIVING", "GOVERNANCE")),
            optional("services", listOf(SERVICE)));

    static final Obj<Plan.Infrastructure> INFRASTRUCTURE = object(
            v -> new Plan.Infrastructure(v.get("digital"), v.get("physical"), v.get("description")),
            optional("digital", listOf(oneOf("FIBRE_BROADBAND", "MOBILE_5G", "PUBLIC_WIFI", "IOT_NETWORK", "CCTV",
                    "SENSORS", "DATA_CENTER", "CLOUD"))),
            optional("physical", listOf(WORD)),
            optional("description", TEXT));

    static final Obj<Plan.DataPlatform> DATA_PLATFORM = object(
            v -> new Plan.DataPlatform(v.get("status"), v.get("openData"), v.get("dataGovernance"),
                    v.get("privacyCompliance"), v.get("cybersecurity"), v.get("datasets")),
            optional("status", oneOf("OPERATING", "IN_DEVELOPMENT", "PLANNED", "NONE")),
            optional("openData", FLAG),
            optional("dataGovernance", FLAG),
            optional("privacyCompliance", FLAG),
            optional("cybersecurity", FLAG),
            optional("datasets", COUNT));

    static final Obj<Plan.Participation> PARTICIPATION = object(
            v -> new Plan.Participation(v.get("hearings"), v.get("participants"), v.get("sectors")),
            optional("hearings", COUNT),
            optional("participants", COUNT),
            optional("sectors", listOf(oneOf("GOVERNMENT", "PRIVATE", "ACADEMIC", "CITIZENS"))));

    static final Obj<Plan.Management> MANAGEMENT = object(
            v -> new Plan.Management(v.get("body"), v.get("established"), v.get("staff")),
            optional("body", TEXT),
            optional("established", FLAG),
            optional("staff", COUNT));

    static final Obj<Plan.FundingSource> FUNDING_SOURCE = object(
            v -> new Plan.FundingSource(v.get("source"), v.get("amountThb")),
            optional("source", oneOf("GOVERNMENT", "LOCAL", "PRIVATE", "PPP", "INTERNATIONAL", "OTHER")),
            optional("amountThb", AMOUNT));

    static final Obj<Plan.Finance> FINANCE = object(
            v -> new Plan.Finance(v.get("totalBudgetThb"), v.get("sources"), v.get("sustainability")),
            optional("totalBudgetThb", AMOUNT),
            optional("sources", listOf(FUNDING_SOURCE)),
            optional("sustainability", TEXT));

    static final Obj<Plan> PLAN = object(
            v -> new Plan(v.get("reference"), v.get("applicant"), v.get("city"), v.get("vision"), v.get("goals"),
                    v.get("period"), v.get("domains"), v.get("infrastructure"), v.get("dataPlatform"),
                    v.get("participation"), v.get("management"), v.get("finance")),
            optional("reference", TEXT),
            required("applicant", APPLICANT),
            required("city", CITY),
            optional("vision", TEXT),
            optional("goals", listOf(TEXT)),
            optional("period", PERIOD),
            optional("domains", listOf(DOMAIN)),
            optional("infrastructure", INFRASTRUCTURE),
            optional("dataPlatform", DATA_PLATFORM),
            optional("participation", PARTICIPATION),
            optional("management", MANAGEMENT),
            optional("finance", FINANCE));
}
