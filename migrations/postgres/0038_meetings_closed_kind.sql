-- The office dashboard's matrix counts closed meetings of each kind over that kind's own windows
-- (two months for a monthly kind, two years for a yearly one) across every branch at once: one
-- index range per kind, read from the index alone (branch and party group are in it).
CREATE INDEX meetings_closed_kind ON meetings (state, kind, starts_at, branch_id, party_group);
