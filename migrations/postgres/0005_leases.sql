-- Leases: which instance may do the work only one may do at a time (polling getUpdates and
-- sending, so two instances never poll against each other nor exceed Telegram's rate together).
CREATE TABLE leases (
    name       TEXT   PRIMARY KEY,
    holder     TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
