-- A message a member (or their contact person) left for the branch secretary through the bot
-- (【给书记留言】), and the secretary's reply sent back through the bot. Personal data: erased
-- with the member.
CREATE TABLE member_notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    branch_id  BIGINT NOT NULL REFERENCES branches (id),
    member_id  BIGINT NOT NULL REFERENCES members (id),
    from_user  BIGINT NOT NULL,
    body       TEXT   NOT NULL,
    written_at BIGINT NOT NULL,
    reply      TEXT,
    replied_by BIGINT,
    replied_at BIGINT
);

CREATE INDEX member_notes_member ON member_notes (member_id);
