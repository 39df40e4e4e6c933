-- A live roll's edit goes before replies: priorities 1 (reply) and 2 (background) become 2 and 3,
-- and 1 is now a live edit (see PRIORITY_LIVE in src/store/outbox.rs).
UPDATE outbox SET priority = priority + 1 WHERE priority > 0;
