-- The whole first schema. Runs unchanged on PostgreSQL and on H2 in MODE=PostgreSQL.
-- JSON documents are TEXT: the service never queries inside them, and TEXT behaves the same on both.

CREATE TABLE users (
    id            VARCHAR(36)  PRIMARY KEY,
    name          VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    organisation  VARCHAR(200),
    body          VARCHAR(20),
    chair         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE
);

-- only the SHA-256 of a token is kept; the token itself is shown once
CREATE TABLE tokens (
    token_hash    VARCHAR(64)  PRIMARY KEY,
    user_id       VARCHAR(36)  NOT NULL REFERENCES users (id),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE rule_sets (
    version       INTEGER      PRIMARY KEY,
    sha256        VARCHAR(64)  NOT NULL UNIQUE,
    files         TEXT         NOT NULL,
    note          TEXT,
    created_by    VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    status        VARCHAR(10)  NOT NULL,
    status_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE plans (
    id                    VARCHAR(36)  PRIMARY KEY,
    organisation          VARCHAR(200) NOT NULL,
    owner_id              VARCHAR(36)  NOT NULL REFERENCES users (id),
    reference             TEXT,
    city                  TEXT         NOT NULL,
    city_th               TEXT,
    province              VARCHAR(100) NOT NULL,
    kind                  VARCHAR(10)  NOT NULL,
    revision              INTEGER      NOT NULL,
    state                 VARCHAR(30)  NOT NULL,
    outcome               VARCHAR(4),
    latest_evaluation_id  VARCHAR(36),
    certificate           TEXT,
    submitted_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    -- optimistic lock: every state change bumps it, so two racing changes cannot both apply
    lock_version          INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX plans_newest ON plans (submitted_at DESC, id DESC);
CREATE INDEX plans_org_newest ON plans (organisation, submitted_at DESC, id DESC);
CREATE INDEX plans_updated ON plans (updated_at);

CREATE TABLE plan_revisions (
    plan_id       VARCHAR(36)  NOT NULL REFERENCES plans (id),
    revision      INTEGER      NOT NULL,
    content       TEXT         NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (plan_id, revision)
);

CREATE TABLE evaluations (
    id                 VARCHAR(36)  PRIMARY KEY,
    plan_id            VARCHAR(36)  NOT NULL REFERENCES plans (id),
    revision           INTEGER      NOT NULL,
    rule_set_version   INTEGER      NOT NULL,
    rule_set_sha256    VARCHAR(64)  NOT NULL,
    outcome            VARCHAR(4)   NOT NULL,
    result             TEXT         NOT NULL,
    evaluated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX evaluations_plan ON evaluations (plan_id, evaluated_at DESC);

-- the record: never updated or deleted; hash chains each event to the plan's previous one
CREATE TABLE events (
    plan_id            VARCHAR(36)  NOT NULL REFERENCES plans (id),
    seq                INTEGER      NOT NULL,
    type               VARCHAR(20)  NOT NULL,
    actor_id           VARCHAR(36),
    actor              VARCHAR(200),
    role               VARCHAR(20),
    occurred_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    state_before       VARCHAR(30),
    state_after        VARCHAR(30),
    comment            TEXT,
    rule_set_version   INTEGER,
    rule_set_sha256    VARCHAR(64),
    data               TEXT,
    prev_hash          VARCHAR(64),
    hash               VARCHAR(64)  NOT NULL,
    PRIMARY KEY (plan_id, seq)
);

CREATE TABLE idempotency_keys (
    user_id         VARCHAR(36)  NOT NULL,
    idem_key        VARCHAR(200) NOT NULL,
    request_sha256  VARCHAR(64)  NOT NULL,
    status          INTEGER      NOT NULL,
    response        TEXT         NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, idem_key)
);
