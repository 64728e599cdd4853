-- Who did what to each rule-set version (the proposer is created_by / proposer_id, null for the rules folder): who
-- put it in force and when, when it was retired, who last rolled back to it, and its rule-test counts when checked.
-- The same facts are events in the users' record (RULESET_*), so verify-record sees a row changed behind its back.
ALTER TABLE rule_sets ADD COLUMN activated_by VARCHAR(200);
ALTER TABLE rule_sets ADD COLUMN activated_by_id VARCHAR(36);
ALTER TABLE rule_sets ADD COLUMN activated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rule_sets ADD COLUMN retired_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE rule_sets ADD COLUMN rolled_back_by VARCHAR(200);
ALTER TABLE rule_sets ADD COLUMN rolled_back_by_id VARCHAR(36);
ALTER TABLE rule_sets ADD COLUMN rolled_back_at TIMESTAMP WITH TIME ZONE;
-- {"files": test files run, "cases": cases run, "passed": cases passed}, as the check that stored it reported
ALTER TABLE rule_sets ADD COLUMN tests TEXT;
