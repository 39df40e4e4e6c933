-- Scheduled jobs: work that must happen at a time (a reminder, a nudge, a schedule's occurrence).
-- Each is claimed and run in one transaction with the messages it writes; `dedupe_key` makes a
-- job exist once however often (or by however many instances) it is scheduled.
CREATE TABLE scheduled_jobs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT   NOT NULL,
    ref_id       BIGINT NOT NULL,
    run_at       BIGINT NOT NULL,
    stale_after  BIGINT,
    state        TEXT   NOT NULL,
    dedupe_key   TEXT   NOT NULL UNIQUE,
    payload      TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT,
    error        TEXT
);
CREATE INDEX scheduled_jobs_due ON scheduled_jobs (state, run_at);
CREATE INDEX scheduled_jobs_ref ON scheduled_jobs (kind, ref_id);

-- What an outgoing message is about (e.g. `meeting:12`), so it can be tracked or withdrawn, and
-- the instant after which it is no longer worth sending (`skipped_stale`).
ALTER TABLE outbox ADD COLUMN topic TEXT;
ALTER TABLE outbox ADD COLUMN stale_after BIGINT;
CREATE INDEX outbox_topic ON outbox (topic);
