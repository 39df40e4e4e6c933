-- Schedules (recurring study reminders and briefings), what they issue (study rounds with who
-- studied, briefings with who acknowledged), a secretary's unconfirmed drafts, and per-branch
-- settings for when messages may go out and when the committee's term ends.

CREATE TABLE branch_settings (
    branch_id    BIGINT PRIMARY KEY REFERENCES branches (id),
    quiet_hours  TEXT,
    holidays     TEXT,
    term_start   TEXT,
    term_years   BIGINT
);

-- `last_occurrence` is the latest occurrence materialised as a job (`schedule:{id}:{unix}`).
CREATE TABLE schedules (
    id              BIGSERIAL PRIMARY KEY,
    branch_id       BIGINT NOT NULL REFERENCES branches (id),
    kind            TEXT   NOT NULL,
    cron            TEXT   NOT NULL,
    summary         TEXT   NOT NULL,
    timezone        TEXT   NOT NULL,
    target          TEXT   NOT NULL,
    payload         TEXT   NOT NULL,
    urgent          BIGINT NOT NULL,
    active          BIGINT NOT NULL,
    last_occurrence BIGINT,
    created_by      BIGINT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX schedules_active ON schedules (active, last_occurrence);

CREATE TABLE drafts (
    id          BIGSERIAL PRIMARY KEY,
    branch_id   BIGINT NOT NULL REFERENCES branches (id),
    user_id     BIGINT NOT NULL,
    kind        TEXT   NOT NULL,
    cron        TEXT,
    summary     TEXT,
    body        TEXT   NOT NULL,
    state       TEXT   NOT NULL,
    -- The outbox row of the preview, edited once the draft is confirmed or cancelled.
    preview_outbox_id BIGINT,
    created_at  BIGINT NOT NULL
);
CREATE INDEX drafts_user ON drafts (user_id, state);

CREATE TABLE study_rounds (
    id            BIGSERIAL PRIMARY KEY,
    branch_id     BIGINT NOT NULL REFERENCES branches (id),
    schedule_id   BIGINT NOT NULL,
    material      TEXT   NOT NULL,
    occurrence_at BIGINT NOT NULL,
    created_at    BIGINT NOT NULL,
    UNIQUE (schedule_id, occurrence_at)
);
CREATE INDEX study_rounds_branch ON study_rounds (branch_id, id);

-- `late` = 1 for 补学: studied after the round's own days had passed.
CREATE TABLE study_records (
    round_id    BIGINT NOT NULL REFERENCES study_rounds (id),
    member_id   BIGINT NOT NULL REFERENCES members (id),
    studied_at  BIGINT NOT NULL,
    studied_on  TEXT   NOT NULL,
    late        BIGINT NOT NULL,
    PRIMARY KEY (round_id, member_id)
);

-- Members who asked to get the study material privately as well.
CREATE TABLE study_subscribers (
    member_id  BIGINT PRIMARY KEY REFERENCES members (id),
    since      BIGINT NOT NULL
);

CREATE TABLE briefings (
    id                 BIGSERIAL PRIMARY KEY,
    branch_id          BIGINT NOT NULL REFERENCES branches (id),
    body               TEXT   NOT NULL,
    schedule_id        BIGINT,
    urgent             BIGINT NOT NULL,
    remind_after_hours BIGINT NOT NULL,
    created_by         BIGINT,
    created_at         BIGINT NOT NULL,
    sent_at            BIGINT
);
CREATE INDEX briefings_branch ON briefings (branch_id, id);

CREATE TABLE briefing_acks (
    briefing_id BIGINT NOT NULL REFERENCES briefings (id),
    member_id   BIGINT NOT NULL REFERENCES members (id),
    at          BIGINT NOT NULL,
    PRIMARY KEY (briefing_id, member_id)
);
