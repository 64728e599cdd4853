-- Committee votes: one per member per review round (the key refuses a second vote even under a race).
ALTER TABLE plans ADD COLUMN review_round INTEGER NOT NULL DEFAULT 0;

CREATE TABLE votes (
    plan_id      VARCHAR(36)  NOT NULL REFERENCES plans (id),
    review_round INTEGER      NOT NULL,
    body         VARCHAR(20)  NOT NULL,
    member_id    VARCHAR(36)  NOT NULL REFERENCES users (id),
    vote         VARCHAR(10),
    recused      BOOLEAN      NOT NULL,
    comment      TEXT,
    cast_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (plan_id, review_round, member_id)
);
