-- Registered organisations: a CITY user acts for one, and its plans must be for the organisation's province.
-- province is the canonical English name of provinces.csv; kind is one of organisation/OrganisationKind.
CREATE TABLE organisations (
    id          VARCHAR(64)  PRIMARY KEY,
    name_th     VARCHAR(200) NOT NULL,
    name_en     VARCHAR(200) NOT NULL,
    province    VARCHAR(100) NOT NULL,
    kind        VARCHAR(40)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(200) NOT NULL
);

-- registering one is an event of the users' record, its subject "organisation:<id>" (up to 77 characters)
ALTER TABLE user_events ALTER COLUMN subject_id SET DATA TYPE VARCHAR(100);
