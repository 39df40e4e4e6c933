-- What the secretary records for others after the fact. A make-up (补学 or 送学上门) for a member
-- who missed a closed meeting: an addition to the record, never a change of its frozen fields;
-- one per member and meeting. The member's views (意见建议) are personal: emptied on erasure.
CREATE TABLE makeups (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id   BIGINT NOT NULL REFERENCES meetings (id),
    member_id    BIGINT NOT NULL REFERENCES members (id),
    -- 'self' (补学: studied the material themself) or 'delivered' (送学上门)
    way          TEXT   NOT NULL,
    -- the day it happened, ISO (2026-11-20)
    happened_on  TEXT   NOT NULL,
    visitor      TEXT,
    views        TEXT,
    recorded_by  BIGINT NOT NULL,
    recorded_at  BIGINT NOT NULL,
    UNIQUE (meeting_id, member_id)
);

CREATE INDEX makeups_member ON makeups (member_id);

-- A 走访慰问 visit to a member (usually after a care alert). Notes may be health-related:
-- sensitive, never on the dashboard, deleted with the member.
CREATE TABLE care_visits (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    branch_id    BIGINT NOT NULL REFERENCES branches (id),
    member_id    BIGINT NOT NULL REFERENCES members (id),
    visited_on   TEXT   NOT NULL,
    visitor      TEXT   NOT NULL,
    notes        TEXT,
    recorded_by  BIGINT NOT NULL,
    recorded_at  BIGINT NOT NULL
);

CREATE INDEX care_visits_member ON care_visits (member_id);
CREATE INDEX care_visits_branch ON care_visits (branch_id, visited_on);
