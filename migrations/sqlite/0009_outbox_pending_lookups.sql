-- Lookups among the waiting rows only, whatever share of the outbox they are: when the next
-- row falls due, and a topic's pending row (a meeting's roll, rewritten on every answer). On
-- PostgreSQL, statistics taken while few rows waited had these read every pending row during
-- the reply-storm benchmark (2.6 ms per roll rewrite, 3.9 ms per wake-up).
CREATE INDEX outbox_pending_not_before ON outbox (not_before) WHERE state = 'pending';
CREATE INDEX outbox_pending_topic ON outbox (topic) WHERE state = 'pending';
