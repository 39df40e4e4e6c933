-- The fixed day of 主题党日 a branch chose (domain::theme_day::ThemeDay's spec: `day:5`,
-- `nth:1:Fri`, `last:Thu`); NULL while none is chosen.
ALTER TABLE branch_settings ADD COLUMN theme_day TEXT;
