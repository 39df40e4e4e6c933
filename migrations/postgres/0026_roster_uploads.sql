-- A 花名册 a secretary sent as a document in private chat: fetched from the Bot API by the
-- transport (state 'fetching' → 'fetched'), previewed with 【导入】【取消】 ('previewed'), then
-- 'imported', 'cancelled', 'stale' (a newer upload came) or 'failed'. The file's bytes are kept
-- only while the preview waits for a tap, and cleared once it is answered.
CREATE TABLE roster_uploads (
    id          BIGSERIAL PRIMARY KEY,
    branch_id   BIGINT NOT NULL REFERENCES branches (id),
    user_id     BIGINT NOT NULL,
    file_id     TEXT   NOT NULL,
    file_name   TEXT   NOT NULL,
    state       TEXT   NOT NULL,
    content     BYTEA,
    claimed_at  BIGINT,
    created_at  BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE INDEX roster_uploads_state ON roster_uploads (state, id);
CREATE INDEX roster_uploads_branch ON roster_uploads (branch_id, id);
