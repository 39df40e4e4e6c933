-- Telegram's update ids are unique only for a while: after a week without updates the next id is
-- chosen at random and may repeat one stored long ago. The inbox keys its rows by its own id, in
-- arrival order; a repeated delivery is known by the same update id with the same payload.
ALTER TABLE inbox DROP CONSTRAINT inbox_pkey;
CREATE SEQUENCE inbox_id_seq;
ALTER TABLE inbox ADD COLUMN id BIGINT;
UPDATE inbox SET id = ordered.n
    FROM (SELECT update_id, ROW_NUMBER() OVER (ORDER BY update_id) AS n FROM inbox) AS ordered
    WHERE inbox.update_id = ordered.update_id;
SELECT setval('inbox_id_seq', COALESCE((SELECT MAX(id) FROM inbox), 0) + 1, false);
ALTER TABLE inbox ALTER COLUMN id SET DEFAULT nextval('inbox_id_seq');
ALTER TABLE inbox ALTER COLUMN id SET NOT NULL;
ALTER SEQUENCE inbox_id_seq OWNED BY inbox.id;
ALTER TABLE inbox ADD PRIMARY KEY (id);
DROP INDEX inbox_pending;
CREATE INDEX inbox_pending ON inbox (state, id);
CREATE INDEX inbox_update ON inbox (update_id);
