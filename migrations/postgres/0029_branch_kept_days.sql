-- Public holidays a branch keeps as ordinary days (its messages go as usual), one YYYY-MM-DD a
-- line; the national calendar itself is embedded in the binary (domain::holiday_calendar).
ALTER TABLE branch_settings ADD COLUMN kept_days TEXT;
