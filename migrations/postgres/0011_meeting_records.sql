-- The meeting record as evidence: members' standing over time (joining the branch, status with a
-- date, the branch's own committee), each closed meeting's record frozen at close, the record's
-- remaining fields (决议, 表决), and the secretary's corrections within a grace period.

ALTER TABLE members ADD COLUMN branch_joined_on TEXT;
ALTER TABLE members ADD COLUMN committee_post TEXT;

-- Status changes with the day they took effect (正式, 预备, 去世, 转出, 停止党籍 …).
CREATE TABLE member_statuses (
    id          BIGSERIAL PRIMARY KEY,
    member_id   BIGINT NOT NULL REFERENCES members (id),
    status      TEXT   NOT NULL,
    since       TEXT   NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX member_statuses_member ON member_statuses (member_id, since);

ALTER TABLE branches ADD COLUMN record_grace_days BIGINT;

ALTER TABLE meetings ADD COLUMN resolution TEXT;
ALTER TABLE meetings ADD COLUMN votes TEXT;
ALTER TABLE meetings ADD COLUMN record_quorum TEXT;
ALTER TABLE meetings ADD COLUMN first_closed_at BIGINT;

-- Who was expected at a closed meeting and what became of them, as it stood at close.
CREATE TABLE record_entries (
    meeting_id    BIGINT NOT NULL REFERENCES meetings (id),
    member_id     BIGINT NOT NULL REFERENCES members (id),
    position      BIGINT NOT NULL,
    name          TEXT   NOT NULL,
    probationary  BIGINT NOT NULL,
    committee     BIGINT NOT NULL,
    answer        TEXT,
    reason        TEXT,
    proxy_name    TEXT,
    present_mode  TEXT,
    absent_reason TEXT,
    PRIMARY KEY (meeting_id, member_id)
);

-- Every correction of a closed record: who changed what, when.
CREATE TABLE record_corrections (
    id          BIGSERIAL PRIMARY KEY,
    meeting_id  BIGINT NOT NULL REFERENCES meetings (id),
    actor_name  TEXT   NOT NULL,
    member_id   BIGINT REFERENCES members (id),
    what        TEXT   NOT NULL,
    subject     TEXT   NOT NULL,
    before_text TEXT   NOT NULL,
    after_text  TEXT   NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX record_corrections_meeting ON record_corrections (meeting_id, id);
