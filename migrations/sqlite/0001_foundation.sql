-- Foundation: branches, members, roles, binding codes, contact persons, health notes,
-- audit log, the update inbox and the message outbox. Instants are unix milliseconds.

CREATE TABLE branches (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL,
    timezone      TEXT    NOT NULL,
    group_chat_id BIGINT  UNIQUE,
    created_at    BIGINT  NOT NULL
);

CREATE TABLE members (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    branch_id          BIGINT  NOT NULL REFERENCES branches (id),
    name               TEXT    NOT NULL,
    gender             TEXT,
    birth_date         TEXT,
    joined_on          TEXT,
    membership         TEXT    NOT NULL,
    retirement         TEXT,
    party_group        TEXT,
    phone              TEXT,
    contact_name       TEXT,
    note               TEXT,
    telegram_user_id   BIGINT,
    forgotten_at       BIGINT,
    created_at         BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL
);
CREATE UNIQUE INDEX members_branch_phone ON members (branch_id, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX members_branch_user ON members (branch_id, telegram_user_id) WHERE telegram_user_id IS NOT NULL;
CREATE INDEX members_user ON members (telegram_user_id);

CREATE TABLE roles (
    branch_id        BIGINT NOT NULL REFERENCES branches (id),
    telegram_user_id BIGINT NOT NULL,
    role             TEXT   NOT NULL,
    granted_by       BIGINT,
    granted_at       BIGINT NOT NULL,
    PRIMARY KEY (branch_id, telegram_user_id, role)
);
CREATE INDEX roles_user ON roles (telegram_user_id);

CREATE TABLE binding_codes (
    code        TEXT   PRIMARY KEY,
    branch_id   BIGINT NOT NULL REFERENCES branches (id),
    purpose     TEXT   NOT NULL,
    member_id   BIGINT REFERENCES members (id),
    created_at  BIGINT NOT NULL,
    used_at     BIGINT,
    used_by     BIGINT
);

CREATE TABLE contact_persons (
    member_id        BIGINT NOT NULL REFERENCES members (id),
    telegram_user_id BIGINT NOT NULL,
    display_name     TEXT   NOT NULL,
    bound_at         BIGINT NOT NULL,
    PRIMARY KEY (member_id, telegram_user_id)
);
CREATE INDEX contact_persons_user ON contact_persons (telegram_user_id);

CREATE TABLE health_notes (
    member_id     BIGINT PRIMARY KEY REFERENCES members (id),
    note          TEXT   NOT NULL,
    requested_by  BIGINT NOT NULL,
    requested_at  BIGINT NOT NULL,
    consented_at  BIGINT,
    consented_by  BIGINT
);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    branch_id  BIGINT,
    actor      TEXT   NOT NULL,
    action     TEXT   NOT NULL,
    detail     TEXT   NOT NULL,
    at         BIGINT NOT NULL
);

CREATE TABLE inbox (
    update_id   BIGINT PRIMARY KEY,
    payload     TEXT   NOT NULL,
    state       TEXT   NOT NULL,
    received_at BIGINT NOT NULL,
    handled_at  BIGINT,
    error       TEXT
);
CREATE INDEX inbox_pending ON inbox (state, update_id);

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id     BIGINT NOT NULL,
    body        TEXT   NOT NULL,
    state       TEXT   NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    not_before  BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    sent_at     BIGINT,
    message_id  BIGINT,
    error       TEXT,
    dedupe_key  TEXT UNIQUE
);
CREATE INDEX outbox_due ON outbox (state, not_before, id);
CREATE INDEX outbox_chat ON outbox (chat_id, id);

CREATE TABLE chats (
    chat_id          BIGINT PRIMARY KEY,
    unreachable_at   BIGINT,
    unreachable_why  TEXT,
    moved_to         BIGINT
);

-- Private chats that already got the one kind explanation of how to bind.
CREATE TABLE greeted_users (
    telegram_user_id BIGINT PRIMARY KEY,
    at               BIGINT NOT NULL
);

-- Who has been seen writing in a bound branch group: tells a failed binding's secretary.
CREATE TABLE group_seen (
    branch_id        BIGINT NOT NULL REFERENCES branches (id),
    telegram_user_id BIGINT NOT NULL,
    display_name     TEXT   NOT NULL,
    last_at          BIGINT NOT NULL,
    PRIMARY KEY (branch_id, telegram_user_id)
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
