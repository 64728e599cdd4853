package th.or.depa.smartcity.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Registered organisations; never updated or deleted by the service. */
@RegisterConstructorMapper(OrganisationRow.class)
public interface OrganisationDao {

    @SqlUpdate("INSERT INTO organisations (id, name_th, name_en, province, kind, created_at, created_by) "
            + "VALUES (:id, :nameTh, :nameEn, :province, :kind, :createdAt, :createdBy)")
    void insert(@BindMethods OrganisationRow organisation);

    @SqlQuery("SELECT * FROM organisations WHERE id = :id")
    Optional<OrganisationRow> find(@Bind("id") String id);

    @SqlQuery("SELECT * FROM organisations ORDER BY id")
    List<OrganisationRow> list();
}
