-- Certificates over their life (issue 16): the last valid day of a plan's certificate, copied from its certificate
-- JSON wherever that is written (PlanDao), so that the expiry sweep finds the due plans with an index. Rows written
-- before this column are filled in at start (workflow/CertificateDates.backfill).
ALTER TABLE plans ADD COLUMN certificate_valid_until DATE;
CREATE INDEX plans_certificate_due ON plans (certificate_valid_until, state);

-- One row per job that only one instance may run at a time: the job locks its row (SELECT ... FOR UPDATE) for the
-- length of its transaction, so a second instance waits and then finds nothing left to do.
CREATE TABLE job_locks (
    name        VARCHAR(60) PRIMARY KEY,
    last_run_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO job_locks (name) VALUES ('certificate-expiry');
