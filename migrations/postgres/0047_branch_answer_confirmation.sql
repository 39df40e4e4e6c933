-- How a member who answered a meeting in the group is confirmed (domain::answer_confirmation):
-- 'private' (also in words, privately) or 'group' (only in the group: the 👍 or the tap's
-- notice, and the live roll); NULL is the default, 'private'.
ALTER TABLE branch_settings ADD COLUMN answer_confirmation TEXT;
