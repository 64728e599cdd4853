-- The hash of each plan's latest event, written in the same transaction as the event: deleting the last events
-- behind the service's back leaves a chain that no longer ends where the plan says it does.
ALTER TABLE plans ADD COLUMN record_head VARCHAR(64);
