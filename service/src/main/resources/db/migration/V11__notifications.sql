-- Notifications (an outbox written in the transaction of the event that causes them), the webhooks that receive
-- them, one delivery per notification and webhook, and every attempt at it. Recipients and owners are
-- "org:<organisation id>" or "body:<COMMITTEE|SUBCOMMITTEE>".
CREATE TABLE webhooks (
    id          VARCHAR(36)  PRIMARY KEY,
    owner       VARCHAR(210) NOT NULL,
    url         TEXT         NOT NULL,
    -- kept as given: the HMAC needs it (it is never returned after creation)
    secret      VARCHAR(200) NOT NULL,
    created_by  VARCHAR(36)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    active      BOOLEAN      NOT NULL DEFAULT TRUE
);
CREATE INDEX webhooks_owner ON webhooks (owner, active);

CREATE TABLE notifications (
    id          VARCHAR(36)  PRIMARY KEY,
    recipient   VARCHAR(210) NOT NULL,
    kind        VARCHAR(40)  NOT NULL,
    plan_id     VARCHAR(36),
    event_seq   INTEGER,
    payload     TEXT         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notifications_recipient ON notifications (recipient, created_at DESC);
CREATE INDEX notifications_newest ON notifications (created_at DESC);

-- state PENDING until a 2xx (DELIVERED) or maxAge after created_at (FAILED); claimed_until is one instance's lease
CREATE TABLE deliveries (
    id               VARCHAR(36)  PRIMARY KEY,
    notification_id  VARCHAR(36)  NOT NULL REFERENCES notifications (id),
    webhook_id       VARCHAR(36)  NOT NULL REFERENCES webhooks (id),
    state            VARCHAR(10)  NOT NULL,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    next_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until    TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (notification_id, webhook_id)
);
CREATE INDEX deliveries_due ON deliveries (state, next_at);
CREATE INDEX deliveries_webhook ON deliveries (webhook_id, created_at DESC);

CREATE TABLE delivery_attempts (
    delivery_id  VARCHAR(36)  NOT NULL REFERENCES deliveries (id),
    attempt      INTEGER      NOT NULL,
    at           TIMESTAMP WITH TIME ZONE NOT NULL,
    status_code  INTEGER,
    error        VARCHAR(500),
    duration_ms  BIGINT       NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

-- one "expiring in N days" notice per certificate end date, however many instances run the daily job
CREATE TABLE expiry_notices (
    plan_id      VARCHAR(36)  NOT NULL REFERENCES plans (id),
    days         INTEGER      NOT NULL,
    valid_until  DATE         NOT NULL,
    noticed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (plan_id, days, valid_until)
);
