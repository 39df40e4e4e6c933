-- Telegram's update ids are unique only for a while: after a week without updates the next id is
-- chosen at random and may repeat one stored long ago. The inbox keys its rows by its own id, in
-- arrival order; a repeated delivery is known by the same update id with the same payload.
CREATE TABLE inbox_keyed (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    update_id   BIGINT NOT NULL,
    payload     TEXT   NOT NULL,
    state       TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    handled_at  BIGINT,
    error       TEXT
);
INSERT INTO inbox_keyed (update_id, payload, state, received_at, handled_at, error)
    SELECT update_id, payload, state, received_at, handled_at, error FROM inbox ORDER BY update_id;
DROP TABLE inbox;
ALTER TABLE inbox_keyed RENAME TO inbox;
CREATE INDEX inbox_pending ON inbox (state, id);
CREATE INDEX inbox_update ON inbox (update_id);
