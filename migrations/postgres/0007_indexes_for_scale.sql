-- Indexes the provincial benchmark showed were missing: a branch's members (and who is named as
-- a member's contact person) were found by scanning every member of the province; the outbox's
-- due rows are best read in priority order, stopping at the batch size, rather than all sorted.
CREATE INDEX members_branch ON members (branch_id, contact_name);
DROP INDEX outbox_due;
