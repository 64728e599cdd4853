package th.or.depa.smartcity.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import th.or.depa.smartcity.SmartCityApplication;
import th.or.depa.smartcity.plan.PlanReader;
import th.or.depa.smartcity.plan.Provinces;

/**
 * What the benchmarks share: the service's own object mapper and plan reader, the bundled rules folder, the
 * realistic example plan and a generated large plan. Paths resolve from the repository root or from bench/;
 * -Dbench.rules=DIR and -Dbench.examples=DIR override them.
 */
public final class Fixtures {

    public static final String REALISTIC = "phuket-livable-pass.plan.json";
    public static final List<String> DOMAINS =
            List.of("ENVIRONMENT", "ECONOMY", "MOBILITY", "ENERGY", "PEOPLE", "LIVING", "GOVERNANCE");

    private Fixtures() {
    }

    /** The mapper the service gets from Dropwizard, configured as SmartCityApplication configures it. */
    public static ObjectMapper mapper() {
        return SmartCityApplication.configure(Jackson.newObjectMapper());
    }

    public static PlanReader reader(ObjectMapper mapper) {
        return new PlanReader(mapper, Provinces.load());
    }

    public static Path rulesDir() {
        return find("bench.rules", "rules", "../rules");
    }

    public static Path examplesDir() {
        return find("bench.examples", "examples", "../examples");
    }

    public static byte[] realisticPlan() {
        return read(examplesDir().resolve(REALISTIC));
    }

    /** Every example plan of examples/ (for cross-checking the plain-Java floor against the rules). */
    public static List<byte[]> examplePlans() {
        try (var s = Files.list(examplesDir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".plan.json")).sorted().map(Fixtures::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A valid, passing plan of domains × services × KPIs (7 × 20 × 5 in the benchmarks): the realistic example's
     * city, platform and participation, with generated services whose budgets and years fit the plan.
     */
    public static byte[] generatedPlan(ObjectMapper mapper, int domains, int servicesPerDomain, int kpisPerService) {
        try {
            ObjectNode plan = (ObjectNode) mapper.readTree(realisticPlan());
            plan.put("reference", "GEN-" + domains + "x" + servicesPerDomain + "x" + kpisPerService);
            ArrayNode ds = plan.putArray("domains");
            long perService = 1_000_000L;
            for (int d = 0; d < domains; d++) {
                ObjectNode dn = ds.addObject();
                dn.put("domain", DOMAINS.get(d));
                ArrayNode ss = dn.putArray("services");
                for (int s = 0; s < servicesPerDomain; s++) {
                    ObjectNode sn = ss.addObject();
                    sn.put("name", DOMAINS.get(d).toLowerCase() + " service " + (s + 1));
                    sn.put("description", "Generated service " + (s + 1) + " of " + DOMAINS.get(d));
                    sn.put("budgetThb", perService);
                    sn.put("startYear", 2022 + s % 2);
                    sn.put("endYear", 2024 + s % 3);
                    ArrayNode ks = sn.putArray("kpis");
                    for (int k = 0; k < kpisPerService; k++) {
                        ObjectNode kn = ks.addObject();
                        kn.put("name", "KPI " + (k + 1) + " of service " + (s + 1));
                        kn.put("unit", k % 2 == 0 ? "count" : "percent");
                        kn.put("baseline", 10 * k);
                        kn.put("target", 10 * k + 5 + s);
                        kn.put("targetYear", 2023 + k % 4);
                    }
                }
            }
            return mapper.writeValueAsBytes(plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path find(String property, String... candidates) {
        String set = System.getProperty(property);
        if (set != null) {
            return Path.of(set);
        }
        for (String c : candidates) {
            if (Files.isDirectory(Path.of(c))) {
                return Path.of(c);
            }
        }
        throw new IllegalStateException("none of " + List.of(candidates) + " is a folder here (" +
                Path.of("").toAbsolutePath() + "); set -D" + property + "=DIR");
    }
}
