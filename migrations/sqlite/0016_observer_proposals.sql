-- A name the secretary gave in /present that matches nobody in the roster: kept until the
-- secretary taps 【按列席记录】 (it is never recorded as 列席 without that tap).
CREATE TABLE observer_proposals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id  BIGINT NOT NULL REFERENCES meetings (id),
    name        TEXT   NOT NULL,
    proposed_at BIGINT NOT NULL
);
