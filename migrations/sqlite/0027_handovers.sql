-- The secretary role handed to a successor (/handover): 'pending' until the successor taps
-- 【接任书记】 ('accepted') or 【不接任】 ('declined'); a newer handover makes it 'superseded'.
CREATE TABLE handovers (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    branch_id    BIGINT NOT NULL REFERENCES branches (id),
    from_user_id BIGINT NOT NULL,
    member_id    BIGINT NOT NULL REFERENCES members (id),
    to_user_id   BIGINT NOT NULL,
    state        TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    answered_at  BIGINT
);
CREATE INDEX handovers_branch ON handovers (branch_id, id);
