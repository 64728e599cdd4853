package th.or.depa.smartcity.plan;

import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.engine.MessageFile;
import th.or.depa.smartcity.store.OrganisationDao;
import th.or.depa.smartcity.store.OrganisationRow;

/**
 * A city files plans for its own province only: on submission and revision the plan's city.province must be the
 * province its organisation was registered with. (The dry run, POST /api/evaluate, stores nothing and is not checked.)
 */
public final class ProvinceCheck {

    private static final MessageFile TEXTS = MessageFile.load("plan/messages.properties");

    // organisations are never updated or deleted by the service, so a registered one is read once per process
    // (issue 18: the lookup was a connection and a query per submission); an unregistered id is asked again
    private static final int REMEMBERED = 10_000;

    private final OrganisationDao organisations;
    private final Provinces provinces;
    private final java.util.Map<String, OrganisationRow> registered = new java.util.concurrent.ConcurrentHashMap<>();

    public ProvinceCheck(Jdbi jdbi, Provinces provinces) {
        this.organisations = jdbi.onDemand(OrganisationDao.class);
        this.provinces = provinces;
    }

    private java.util.Optional<OrganisationRow> find(String org) {
        OrganisationRow known = registered.get(org);
        if (known != null) {
            return java.util.Optional.of(known);
        }
        java.util.Optional<OrganisationRow> row = organisations.find(org);
        if (row.isPresent() && registered.size() < REMEMBERED) {
            registered.put(org, row.get());
        }
        return row;
    }

    /** Refuses the plan unless the submitter's organisation is registered in the plan's province. */
    public void check(User city, Plan plan) {
        String org = city.organisation();
        OrganisationRow registered = (org == null ? java.util.Optional.<OrganisationRow>empty() : find(org))
                .orElseThrow(() -> refusal("organisation", "unregistered", org));
        String planProvince = plan.city().province();
        if (!registered.province().equals(planProvince)) {
            throw refusal("city.province", "otherProvince", planProvince, thai(planProvince), registered.id(),
                    registered.province(), thai(registered.province()));
        }
    }

    private String thai(String province) {
        return provinces.find(province).map(Province::nameTh).orElse(province);
    }

    private static OrganisationRefusal refusal(String field, String key, Object... args) {
        return new OrganisationRefusal(field, TEXTS.text(key + ".en", args), TEXTS.text(key + ".th", args));
    }
}
