-- The record becomes keyed (HMAC-SHA-256 with a key kept outside the database; README, The record and its key).
-- Events written before this migration keep their unkeyed SHA-256 hashes, marked as such; on its first start with
-- a key the service seals each such chain with a keyed RECORD_KEYED event (EventLog.adopt).
ALTER TABLE events ADD COLUMN scheme VARCHAR(12) NOT NULL DEFAULT 'SHA256';
-- the plan row (state, revision, evaluation, certificate) as the write that added the event left it
ALTER TABLE events ADD COLUMN plan_row TEXT;

-- the head signed with the key together with the number of events, so dropping the last ones shows
ALTER TABLE plans ADD COLUMN record_count INTEGER;
ALTER TABLE plans ADD COLUMN record_mac VARCHAR(64);

-- the users' record: creating users and issuing or revoking tokens, chained like a plan's record
CREATE TABLE user_events (
    seq          INTEGER      PRIMARY KEY,
    type         VARCHAR(20)  NOT NULL,
    actor_id     VARCHAR(36),
    actor        VARCHAR(200),
    role         VARCHAR(20),
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    subject_id   VARCHAR(36)  NOT NULL,
    data         TEXT         NOT NULL,
    prev_hash    VARCHAR(64),
    hash         VARCHAR(64)  NOT NULL
);

-- heads of records that are not a plan's (the users' record), and the fingerprint of the key the record is signed
-- with, so that a service started with another key refuses to start instead of forking the record
CREATE TABLE record_heads (
    record       VARCHAR(20)  PRIMARY KEY,
    event_count  INTEGER      NOT NULL,
    last_hash    VARCHAR(64),
    mac          VARCHAR(64)  NOT NULL
);
