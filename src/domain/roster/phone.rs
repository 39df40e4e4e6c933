//! Mainland mobile numbers: turning whatever was typed into 11 digits.

use super::cells::{Cell, fold_width, number_text};

/// A mainland mobile number, always 11 ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChinaMobile(String);

impl ChinaMobile {
    /// Accepts full-width digits, a `+86` / `86` / `0086` prefix, spaces,
    /// dashes and parentheses, and the `13800138001.0` or `1.3800138001E+10`
    /// a spreadsheet makes of a number. The result must be 11 digits starting
    /// with 13–19 (no mainland mobile starts with 10–12).
    pub fn parse(raw: &str) -> Option<ChinaMobile> {
        let text = fold_width(raw);
        let text = text.trim();
        let text = spreadsheet_number(text).unwrap_or_else(|| text.to_string());
        let mut digits = String::new();
        for c in text.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else if !is_separator(c) {
                return None;
            }
        }
        let national = match digits.len() {
            13 => digits.strip_prefix("86")?,
            15 => digits.strip_prefix("0086")?,
            _ => &digits,
        };
        is_mobile(national).then(|| ChinaMobile(national.to_string()))
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The phone in a cell: `Ok(None)` when empty, `Err(text)` when present but not a mobile.
pub(super) fn phone_from_cell(cell: &Cell) -> Result<Option<ChinaMobile>, String> {
    match cell.text() {
        None => Ok(None),
        Some(text) => ChinaMobile::parse(&text).map(Some).ok_or(text),
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '(' | ')' | '+' | '‐' | '‑' | '–' | '—')
}

fn is_mobile(digits: &str) -> bool {
    let bytes = digits.as_bytes();
    bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1])
}

/// `13800138001.0` or `1.3800138001E+10` as plain digits; `None` for anything
/// else, including a rounded `1.38001E+10`, whose lost digits cannot come back.
fn spreadsheet_number(text: &str) -> Option<String> {
    if !text.contains(['.', 'e', 'E']) {
        return None;
    }
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    if mantissa.chars().filter(char::is_ascii_digit).count() < 11 {
        return None;
    }
    let n: f64 = text.parse().ok()?;
    (n.is_finite() && n > 0.0 && n.fract() == 0.0).then(|| number_text(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(raw: &str) -> Option<String> {
        ChinaMobile::parse(raw).map(|m| m.as_str().to_string())
    }

    #[test]
    fn a_plain_mobile_number_is_accepted() {
        assert_eq!(parsed("13800138001").as_deref(), Some("13800138001"));
        assert_eq!(parsed(" 19912345678 ").as_deref(), Some("19912345678"));
    }

    #[test]
    fn full_width_phone_digits_are_normalised() {
        assert_eq!(parsed("１３８００１３８００４").as_deref(), Some("13800138004"));
        assert_eq!(parsed("＋８６\u{3000}１３８００１３８００４").as_deref(), Some("13800138004"));
    }

    #[test]
    fn country_prefixes_are_removed() {
        assert_eq!(parsed("+86 138 0013 8006").as_deref(), Some("13800138006"));
        assert_eq!(parsed("+8613800138006").as_deref(), Some("13800138006"));
        assert_eq!(parsed("8613800138006").as_deref(), Some("13800138006"));
        assert_eq!(parsed("0086 13800138006").as_deref(), Some("13800138006"));
        assert_eq!(parsed("(+86) 138-0013-8006").as_deref(), Some("13800138006"));
    }

    #[test]
    fn dashes_spaces_and_parentheses_are_ignored() {
        assert_eq!(parsed("138-0013-8005").as_deref(), Some("13800138005"));
        assert_eq!(parsed("138 0013 8005").as_deref(), Some("13800138005"));
        assert_eq!(parsed("(138)0013-8005").as_deref(), Some("13800138005"));
        assert_eq!(parsed("（138）0013—8005").as_deref(), Some("13800138005"));
    }

    #[test]
    fn spreadsheet_number_forms_are_accepted() {
        assert_eq!(parsed("13800138001.0").as_deref(), Some("13800138001"));
        assert_eq!(parsed("1.3800138001E+10").as_deref(), Some("13800138001"));
        let cell = Cell::Number(13800138001.0);
        assert_eq!(phone_from_cell(&cell), Ok(ChinaMobile::parse("13800138001")));
    }

    #[test]
    fn numbers_that_are_not_mainland_mobiles_are_rejected() {
        for raw in [
            "12345",
            "12345678901",
            "23800138001",
            "138001380011",
            "010-12345678",
            "1380013800x",
            "1.38001E+10",
            "13800138001/13900139001",
            "8713800138001",
            "",
        ] {
            assert_eq!(ChinaMobile::parse(raw), None, "{raw}");
        }
    }

    #[test]
    fn an_empty_phone_cell_is_missing_and_a_bad_one_keeps_its_text() {
        assert_eq!(phone_from_cell(&Cell::Empty), Ok(None));
        assert_eq!(phone_from_cell(&Cell::Text(" 12345 ".into())), Err("12345".into()));
    }
}
