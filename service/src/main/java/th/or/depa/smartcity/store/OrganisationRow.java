package th.or.depa.smartcity.store;

import java.time.Instant;

/** A registered organisation; province is the English name of provinces.csv. */
public record OrganisationRow(String id, String nameTh, String nameEn, String province, String kind,
                              Instant createdAt, String createdBy) {
}
