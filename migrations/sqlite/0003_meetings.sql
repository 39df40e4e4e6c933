-- 三会一课: each branch's meeting kinds (rules as data, seeded with defaults on first use),
-- meetings, each member's current answer and presence, and the history of every answer.

CREATE TABLE meeting_kinds (
    branch_id   BIGINT NOT NULL REFERENCES branches (id),
    kind        TEXT   NOT NULL,
    period      TEXT   NOT NULL,
    per_period  BIGINT NOT NULL,
    quorum      TEXT   NOT NULL,
    attendees   TEXT   NOT NULL,
    required    BIGINT NOT NULL,
    PRIMARY KEY (branch_id, kind)
);

CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    branch_id       BIGINT NOT NULL REFERENCES branches (id),
    kind            TEXT   NOT NULL,
    party_group     TEXT,
    starts_at       BIGINT NOT NULL,
    place           TEXT   NOT NULL,
    topic           TEXT   NOT NULL,
    host            TEXT,
    recorder        TEXT,
    state           TEXT   NOT NULL,
    created_by      BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    closed_at       BIGINT,
    observers       TEXT,
    announcement_id BIGINT,
    roll_id         BIGINT
);
CREATE INDEX meetings_branch ON meetings (branch_id, state, starts_at);

-- The current answer and presence of each member who answered or came.
CREATE TABLE attendance (
    meeting_id    BIGINT NOT NULL REFERENCES meetings (id),
    member_id     BIGINT NOT NULL REFERENCES members (id),
    answer        TEXT,
    reason        TEXT,
    proxy_name    TEXT,
    answered_at   BIGINT,
    present_mode  TEXT,
    present_at    BIGINT,
    makeup_at     BIGINT,
    PRIMARY KEY (meeting_id, member_id)
);

-- Every answer ever given; the last one counts.
CREATE TABLE attendance_answers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id   BIGINT NOT NULL REFERENCES meetings (id),
    member_id    BIGINT NOT NULL REFERENCES members (id),
    answer       TEXT   NOT NULL,
    reason       TEXT,
    answered_by  BIGINT NOT NULL,
    proxy_name   TEXT,
    source       TEXT   NOT NULL,
    at           BIGINT NOT NULL
);
CREATE INDEX attendance_answers_meeting ON attendance_answers (meeting_id, member_id);

-- A secretary's guided creation of a meeting, step by step, kept so it survives a restart.
CREATE TABLE dialogues (
    telegram_user_id BIGINT PRIMARY KEY,
    branch_id        BIGINT NOT NULL REFERENCES branches (id),
    state            TEXT   NOT NULL,
    updated_at       BIGINT NOT NULL
);
