-- Which outgoing messages go first when the rate limit makes them wait: answers to a button
-- press (0: the spinner on someone's screen), replies to what someone just said (1), then
-- scheduled and broadcast traffic (2). Button answers also skip their chat's queue.
ALTER TABLE outbox ADD COLUMN priority BIGINT NOT NULL DEFAULT 1;
CREATE INDEX outbox_due_priority ON outbox (state, priority, id);
