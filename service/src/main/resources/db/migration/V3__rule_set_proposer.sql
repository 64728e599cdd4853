-- Who proposed a rule set (a user id; null for the rules folder), so that the proposer cannot also activate it.
ALTER TABLE rule_sets ADD COLUMN proposer_id VARCHAR(36);
