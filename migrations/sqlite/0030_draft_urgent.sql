-- A draft marked 紧急 by its secretary: what it becomes (a briefing or a schedule) goes even in
-- quiet hours and on days off.
ALTER TABLE drafts ADD COLUMN urgent BIGINT NOT NULL DEFAULT 0;
