//! One spreadsheet cell, whatever the source, and the text clean-ups shared by all columns.

use chrono::NaiveDate;

/// A cell as the sources hand it over: CSV gives only text, Excel also numbers and dates.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

/// One row as a source hands it over, numbered as a person sees it (1-based).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SourceRow {
    pub(super) number: usize,
    pub(super) cells: Vec<Cell>,
}

impl SourceRow {
    pub(super) fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

impl Cell {
    /// A text cell; blank text becomes [`Cell::Empty`]. Also undoes the
    /// `="13800138001"` trick some exports use to keep digits as text.
    pub(super) fn from_text(raw: &str) -> Cell {
        let trimmed = raw.trim();
        let unwrapped =
            trimmed.strip_prefix("=\"").and_then(|rest| rest.strip_suffix('"')).unwrap_or(trimmed);
        if unwrapped.trim().is_empty() { Cell::Empty } else { Cell::Text(unwrapped.to_string()) }
    }

    pub(super) fn is_blank(&self) -> bool {
        self.text().is_none()
    }

    /// The trimmed text a person sees; `None` when there is nothing.
    pub(super) fn text(&self) -> Option<String> {
        let text = match self {
            Cell::Empty => return None,
            Cell::Text(text) => text.trim().to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        };
        (!text.is_empty()).then_some(text)
    }
}

/// `13800138001.0` as `13800138001`; other numbers as Rust prints them.
pub(super) fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{n:.0}") } else { n.to_string() }
}

/// Full-width ASCII (`１３８`, `（`, `：`) to half-width, ideographic space to a space.
pub(super) fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Half-width text with every space and invisible character removed.
pub(super) fn compact(text: &str) -> String {
    fold_width(text).chars().filter(|c| !c.is_whitespace() && !is_invisible(*c)).collect()
}

/// Zero-width characters and control characters that are not line breaks or tabs.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}') || (c.is_control() && !c.is_whitespace())
}

/// The many dots typed between the parts of a minority or foreign name.
fn unify_dot(c: char) -> char {
    match c {
        '•' | '・' | '‧' | '･' | '∙' => '·',
        _ => c,
    }
}

/// Cleans a person's name: trims spaces (ASCII and full-width), removes spaces
/// inside the name (`王 建国` → `王建国`) except one between two Latin words,
/// removes invisible characters and unifies the middle dot. `None` when nothing is left.
pub fn clean_name(raw: &str) -> Option<String> {
    let visible: String = raw.chars().filter(|c| !is_invisible(*c)).map(unify_dot).collect();
    let mut name = String::new();
    for word in visible.split_whitespace() {
        let between_latin = name.ends_with(|c: char| c.is_ascii_alphabetic())
            && word.starts_with(|c: char| c.is_ascii_alphabetic());
        if between_latin {
            name.push(' ');
        }
        name.push_str(word);
    }
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_leading_and_trailing_spaces_of_both_widths() {
        assert_eq!(clean_name(" 高德胜 ").as_deref(), Some("高德胜"));
        assert_eq!(clean_name("\u{3000}高德胜\u{3000}").as_deref(), Some("高德胜"));
        assert_eq!(clean_name("\t高德胜\u{a0}").as_deref(), Some("高德胜"));
    }

    #[test]
    fn spaces_between_chinese_characters_are_removed() {
        assert_eq!(clean_name("王 建国").as_deref(), Some("王建国"));
        assert_eq!(clean_name("王\u{3000}\u{3000}建 国").as_deref(), Some("王建国"));
    }

    #[test]
    fn one_space_between_latin_words_is_kept() {
        assert_eq!(clean_name("  John   Smith ").as_deref(), Some("John Smith"));
    }

    #[test]
    fn invisible_characters_and_odd_dots_are_cleaned_from_names() {
        assert_eq!(clean_name("\u{feff}李\u{200b}秀英").as_deref(), Some("李秀英"));
        assert_eq!(clean_name("阿依古丽•买买提").as_deref(), Some("阿依古丽·买买提"));
    }

    #[test]
    fn a_name_of_only_spaces_is_none() {
        assert_eq!(clean_name(""), None);
        assert_eq!(clean_name(" \u{3000} "), None);
    }

    #[test]
    fn full_width_ascii_is_folded_to_half_width() {
        assert_eq!(fold_width("１３８（０）：Ａ"), "138(0):A");
        assert_eq!(compact(" 手机\u{3000}号 "), "手机号");
    }

    #[test]
    fn cell_text_is_trimmed_and_numbers_lose_a_zero_fraction() {
        assert_eq!(Cell::from_text("  "), Cell::Empty);
        assert_eq!(Cell::from_text(" 备注 ").text().as_deref(), Some("备注"));
        assert_eq!(Cell::Number(13800138001.0).text().as_deref(), Some("13800138001"));
        assert_eq!(Cell::Number(1.5).text().as_deref(), Some("1.5"));
        assert!(Cell::Text("\u{3000}".into()).is_blank());
    }

    #[test]
    fn the_excel_text_trick_is_undone() {
        assert_eq!(Cell::from_text("=\"13800138001\""), Cell::Text("13800138001".into()));
    }
}
