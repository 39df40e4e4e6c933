//! CSV rosters: the encoding (BOM, else UTF-8, else GB18030), the delimiter, and row numbers.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030};

use super::RosterError;
use super::cells::{Cell, SourceRow};

/// Lines looked at to guess the delimiter.
const SNIFF_LINES: usize = 10;

pub(super) fn read(bytes: &[u8]) -> Result<Vec<SourceRow>, RosterError> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text.as_bytes());
    reader
        .records()
        .map(|record| {
            let record = record.map_err(|e| RosterError::Unreadable(e.to_string()))?;
            let start = record.position().map_or(0, |p| p.byte() as usize);
            let number = lines.line_at(start);
            let cells = record.iter().map(Cell::from_text).collect();
            Ok(SourceRow { number, cells })
        })
        .collect()
}

/// Line numbers of records, counted from the bytes: the csv crate's own line
/// count lags behind after `\r\n` line ends and skipped blank lines.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter { text, offset: 0, line: 1 }
    }

    /// The 1-based line of the record whose position is `start`; a record's
    /// position may point at the line breaks before it. Positions must not go back.
    fn line_at(&mut self, start: usize) -> usize {
        let rest = self.text.get(start..).unwrap_or_default();
        let start = start + rest.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        let passed = self.text.get(self.offset..start).unwrap_or_default();
        self.line += passed.iter().filter(|&&b| b == b'\n').count();
        self.offset = start.max(self.offset);
        self.line
    }
}

/// A byte-order mark decides (UTF-8, UTF-16); without one, valid UTF-8 is
/// UTF-8 and anything else is GB18030, the superset of GBK that Chinese Excel
/// and WPS write.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_length..]).0;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => GB18030.decode_without_bom_handling(bytes).0,
    }
}

/// Comma unless tabs or semicolons are more common in the first lines.
fn sniff_delimiter(text: &str) -> u8 {
    let head: Vec<&str> = text.lines().take(SNIFF_LINES).collect();
    let count = |d: &u8| -> usize { head.iter().map(|l| l.bytes().filter(|b| b == d).count()).sum() };
    // On a tie `max_by_key` takes the last candidate, so the comma goes last.
    [b';', b'\t', b','].into_iter().max_by_key(count).unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(bytes: &[u8]) -> Vec<(usize, Vec<Option<String>>)> {
        let rows = read(bytes).unwrap();
        rows.into_iter().map(|r| (r.number, r.cells.iter().map(Cell::text).collect())).collect()
    }

    fn cell(text: &str) -> Option<String> {
        Some(text.to_string())
    }

    #[test]
    fn a_utf8_bom_is_stripped() {
        let rows = texts("\u{feff}姓名,手机\n王建国,13800138001\n".as_bytes());
        assert_eq!(rows[0].1, vec![cell("姓名"), cell("手机")]);
    }

    #[test]
    fn gbk_bytes_are_decoded_as_gb18030() {
        let (bytes, _, _) = GB18030.encode("姓名,备注\n王建国,行动不便，送学上门\n");
        let rows = texts(&bytes);
        assert_eq!(rows[1].1, vec![cell("王建国"), cell("行动不便，送学上门")]);
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("姓名\t手机\r\n王建国\t13800138001\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        let rows = texts(&bytes);
        assert_eq!(rows[1].1, vec![cell("王建国"), cell("13800138001")]);
    }

    #[test]
    fn row_numbers_count_lines_including_blank_lines_and_quoted_line_breaks() {
        let rows = texts("花名册\r\n\r\n姓名,备注\r\n王建国,\"两行\n备注\"\r\n李秀英,\r\n".as_bytes());
        let numbers: Vec<usize> = rows.iter().map(|r| r.0).collect();
        assert_eq!(numbers, vec![1, 3, 4, 6]);
    }

    #[test]
    fn tab_and_semicolon_delimiters_are_detected() {
        assert_eq!(sniff_delimiter("姓名\t手机\n王\t1\n"), b'\t');
        assert_eq!(sniff_delimiter("姓名;手机\n王;1\n"), b';');
        assert_eq!(sniff_delimiter("姓名,手机;电话\n"), b',');
        assert_eq!(sniff_delimiter("姓名\n"), b',');
    }
}
