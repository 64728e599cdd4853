package th.or.depa.smartcity.organisation;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import th.or.depa.smartcity.auth.Role;
import th.or.depa.smartcity.auth.User;
import th.or.depa.smartcity.history.OrganisationRecord;
import th.or.depa.smartcity.history.RecordKey;
import th.or.depa.smartcity.plan.Province;
import th.or.depa.smartcity.plan.Provinces;
import th.or.depa.smartcity.store.OrganisationDao;
import th.or.depa.smartcity.store.OrganisationRow;

/**
 * Registering organisations (POST /api/organisations and add-organisation, one set of checks) and reading them: a
 * CITY reads only its own. Registering is an event of the users' record.
 */
public final class Organisations {

    /** An organisation as asked for; province as given (English in any spacing or case, or Thai). */
    public record Fields(String id, String nameTh, String nameEn, String province, String kind) {
    }

    static final Pattern ID = Pattern.compile("[a-z0-9-]{2,64}");
    static final int MAX_NAME = 200;

    private final Jdbi jdbi;
    private final Provinces provinces;
    private final OrganisationRecord record;
    private final Clock clock;

    public Organisations(Jdbi jdbi, Provinces provinces, RecordKey key, Clock clock) {
        this.jdbi = jdbi;
        this.provinces = provinces;
        this.record = new OrganisationRecord(key);
        this.clock = clock;
    }

    /** What is wrong with the fields, each naming its field; empty when they may be registered. */
    public List<OrganisationRefused.Problem> problems(Fields f) {
        List<OrganisationRefused.Problem> p = new ArrayList<>();
        if (f.id() == null || !ID.matcher(f.id()).matches()) {
            p.add(OrganisationMessages.problem("id", "refused.id"));
        }
        if (blankOrLong(f.nameTh())) {
            p.add(OrganisationMessages.problem("nameTh", "refused.name"));
        }
        if (blankOrLong(f.nameEn())) {
            p.add(OrganisationMessages.problem("nameEn", "refused.name"));
        }
        if (provinces.find(f.province()).isEmpty()) {
            p.add(OrganisationMessages.problem("province", "refused.province", String.valueOf(f.province())));
        }
        if (!OrganisationKind.known(f.kind())) {
            p.add(OrganisationMessages.problem("kind", "refused.kind", OrganisationKind.listed()));
        }
        return p;
    }

    /** Registers the organisation by an ADMIN (null: the command line), with its event, or refuses (422, 409). */
    public OrganisationRow create(User admin, Fields f) {
        List<OrganisationRefused.Problem> problems = problems(f);
        if (!problems.isEmpty()) {
            throw new OrganisationRefused(422, problems);
        }
        Province province = provinces.find(f.province()).orElseThrow();
        OrganisationRow row = new OrganisationRow(f.id(), f.nameTh().strip(), f.nameEn().strip(), province.name(),
                f.kind(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                admin == null ? "command line" : admin.name());
        try {
            jdbi.useTransaction(h -> {
                record.created(h, admin, row); // locks the record's head first: two registrations queue here
                OrganisationDao dao = h.attach(OrganisationDao.class);
                if (dao.find(row.id()).isPresent()) {
                    throw duplicate(row.id()); // rolls the event back too
                }
                dao.insert(row);
            });
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException race) {
            if (jdbi.onDemand(OrganisationDao.class).find(row.id()).isPresent()) {
                throw duplicate(row.id());
            }
            throw race;
        }
        return row;
    }

    /** Every organisation for staff; a CITY sees only its own. */
    public List<OrganisationRow> list(User caller) {
        List<OrganisationRow> all = jdbi.onDemand(OrganisationDao.class).list();
        return caller.role() == Role.CITY ? all.stream().filter(o -> caller.maySee(o.id())).toList() : all;
    }

    /** The organisation if it exists and the caller may see it; another's is as absent as a missing one. */
    public Optional<OrganisationRow> find(User caller, String id) {
        return jdbi.onDemand(OrganisationDao.class).find(id).filter(o -> caller.maySee(o.id()));
    }

    /** The Thai name of a stored (English) province name, for showing an organisation. */
    public String provinceTh(String province) {
        return provinces.find(province).map(Province::nameTh).orElse(province);
    }

    private static OrganisationRefused duplicate(String id) {
        return new OrganisationRefused(409, List.of(OrganisationMessages.problem("id", "refused.duplicate", id)));
    }

    private static boolean blankOrLong(String s) {
        return s == null || s.isBlank() || s.codePointCount(0, s.length()) > MAX_NAME;
    }
}
