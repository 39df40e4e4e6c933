-- The superior office's dashboard: each branch's 党委 / district, office accounts (password
-- hashed with argon2), their sessions (only a hash of the cookie's token is kept) and login
-- attempts (rate limit per login and per address, kept across restarts and instances).

ALTER TABLE branches ADD COLUMN district TEXT;
CREATE INDEX branches_district ON branches (district, id);

CREATE TABLE office_users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    login         TEXT   NOT NULL UNIQUE,
    -- NULL: every district (a superuser of the whole province).
    district      TEXT,
    password_hash TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    disabled_at   BIGINT
);

CREATE TABLE office_sessions (
    token_hash  TEXT   PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES office_users (id),
    csrf_token  TEXT   NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX office_sessions_user ON office_sessions (user_id);

CREATE TABLE office_login_attempts (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    login   TEXT   NOT NULL,
    address TEXT   NOT NULL,
    ok      BIGINT NOT NULL,
    at      BIGINT NOT NULL
);
CREATE INDEX office_login_attempts_login ON office_login_attempts (login, at);
CREATE INDEX office_login_attempts_address ON office_login_attempts (address, at);
