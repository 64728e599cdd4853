-- Renewals (issue 16): each progress report a certified city submits, with its evaluation by the renewal criteria.
-- result: null while the renewal is under way or was not forwarded; RENEWED or RENEWAL_REFUSED once a body decided.
-- replaced_certificate: on RENEWED, the certificate the renewal continued (the plan's view lists it, status RENEWED).
CREATE TABLE renewals (
    id                    VARCHAR(36)  PRIMARY KEY,
    plan_id               VARCHAR(36)  NOT NULL REFERENCES plans (id),
    submitted_by          VARCHAR(36)  NOT NULL,
    submitted_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    report                TEXT         NOT NULL,
    evaluation            TEXT         NOT NULL,
    outcome               VARCHAR(4)   NOT NULL,
    rule_set_version      INTEGER      NOT NULL,
    rule_set_sha256       VARCHAR(64)  NOT NULL,
    result                VARCHAR(20),
    replaced_certificate  TEXT,
    decided_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX renewals_plan ON renewals (plan_id, submitted_at DESC, id DESC);
