-- What /metrics reads for "429s and sends per minute": when a message was last refused with
-- 429 Too Many Requests, and an index on when messages were sent, so counting the last minute
-- does not read the outbox's whole history.
ALTER TABLE outbox ADD COLUMN throttled_at BIGINT;
CREATE INDEX outbox_throttled_at ON outbox (throttled_at) WHERE throttled_at IS NOT NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
