-- Which branch a person who administers several is working on (/branch); without a row, the
-- lowest-numbered branch they administer.
CREATE TABLE admin_branch_choice (
    telegram_user_id BIGINT PRIMARY KEY,
    branch_id        BIGINT NOT NULL REFERENCES branches (id),
    chosen_at        BIGINT NOT NULL
);
