-- One-time login links sent through Telegram: an office account may be tied to a Telegram user;
-- a link's token is kept only as a SHA-256 hash, lives 10 minutes and is used once. Requests for
-- a link are counted beside password attempts (kind 'link'), under the same rate limit.

ALTER TABLE office_users ADD COLUMN telegram_user_id BIGINT;

CREATE TABLE office_login_links (
    token_hash  TEXT   PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES office_users (id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX office_login_links_user ON office_login_links (user_id);

ALTER TABLE office_login_attempts ADD COLUMN kind TEXT NOT NULL DEFAULT 'password';
