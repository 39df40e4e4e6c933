-- The rows still waiting in each chat's queue, apart from the outbox's history: finding every
-- chat's head (its oldest waiting row) read and sorted the whole waiting set on each delivery
-- pass, which the broadcast benchmark showed to be most of the sender's cost.
CREATE INDEX outbox_waiting ON outbox (chat_id, id) WHERE state IN ('pending', 'sending') AND priority > 0;
