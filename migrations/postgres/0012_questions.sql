-- A question the bot asked one person in one chat, for a day: a leave's reason (their next plain
-- message answers it), or which meeting a leave was for (`reason` keeps what they already said,
-- for the tap that answers).
CREATE TABLE questions (
    chat_id          BIGINT NOT NULL,
    telegram_user_id BIGINT NOT NULL,
    kind             TEXT   NOT NULL,
    meeting_id       BIGINT NOT NULL,
    member_id        BIGINT NOT NULL,
    reason           TEXT,
    asked_at         BIGINT NOT NULL,
    PRIMARY KEY (chat_id, telegram_user_id)
);

-- A reply's `reply_to_message` maps back to the bot message (and its topic) it answers.
CREATE INDEX outbox_chat_message ON outbox (chat_id, message_id);
