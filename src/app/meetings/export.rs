//! The statutory meeting record (会议记录) of one meeting or a period (the 三会一课 record book):
//! in chat, and as CSV, XLSX and a printable HTML document.

use super::{branch_tz, entries_in, local};
use crate::domain::meeting::{Answer, Entry, Mode, Tally, Vote, tally};
use crate::store::meetings::{MeetingRow, RecordFields};
use crate::store::{self, Conn, StoreResult};
use crate::texts::{meeting_record as words, record as record_words};

/// One meeting's record.
#[derive(Debug, Clone)]
pub struct MeetingRecord {
    pub meeting: MeetingRow,
    /// 2026年12月5日 09:00
    pub time: String,
    pub tally: Tally,
    pub entries: Vec<Entry>,
    /// 更正记录: who changed what when, oldest first.
    pub corrections: Vec<String>,
    pub fields: RecordFields,
}

/// The record of a closed meeting as frozen at close (and corrected since); of an open one, as
/// it stands.
pub async fn record(conn: &mut Conn, meeting: &MeetingRow) -> StoreResult<MeetingRecord> {
    let tz = branch_tz(conn, meeting.branch_id).await?;
    let (rules, entries) = entries_in(conn, meeting, tz).await?;
    let corrections = store::records::corrections(conn, meeting.id)
        .await?
        .iter()
        .map(|c| record_words::correction_line(&crate::texts::dates::full_date_time(&local(c.at, tz)), c))
        .collect();
    Ok(MeetingRecord {
        time: crate::texts::dates::full_date_time(&local(meeting.starts_at, tz)),
        tally: tally(&entries, rules.quorum),
        entries,
        corrections,
        fields: store::meetings::record_fields(conn, meeting.id).await?,
        meeting: meeting.clone(),
    })
}

fn names_or_none(names: Vec<String>) -> String {
    if names.is_empty() { words::NONE.to_owned() } else { names.join("、") }
}

/// 张德明（住院）, or the name alone without a reason.
fn with_reasons(people: &[(String, Option<String>)]) -> String {
    names_or_none(
        people
            .iter()
            .map(|(n, r)| match r {
                Some(r) => format!("{n}（{r}）"),
                None => n.clone(),
            })
            .collect(),
    )
}

/// 已补学（2026-11-20）, or 送学上门（11月20日，李桂兰）; empty without a make-up.
fn makeup_cell(e: &Entry) -> String {
    match (&e.makeup_on, &e.makeup_visitor) {
        (Some(day), Some(visitor)) => words::delivered_makeup(day, visitor),
        (Some(day), None) => words::makeup(day),
        (None, _) => String::new(),
    }
}

fn filled(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| record_words::NOT_FILLED.to_owned())
}

impl MeetingRecord {
    /// The cells of the record book's row, in `words::COLUMNS` order.
    pub fn row(&self) -> Vec<String> {
        let m = &self.meeting;
        let t = &self.tally;
        vec![
            m.id.to_string(),
            self.time.clone(),
            m.place.clone(),
            m.kind().name_cn().to_owned(),
            m.topic.clone(),
            filled(&m.host),
            filled(&m.recorder),
            t.expected_full.to_string(),
            t.expected_probationary.to_string(),
            t.present.len().to_string(),
            names_or_none(t.present.iter().map(|(n, mode)| format!("{n}（{}）", mode.name_cn())).collect()),
            with_reasons(&t.leave),
            with_reasons(&t.absent),
            names_or_none(m.observer_names()),
            words::quorum(t.quorum_held).to_owned(),
            names_or_none(t.delivered.clone()),
            filled(&self.fields.resolution),
            self.fields
                .votes
                .as_deref()
                .and_then(Vote::decode)
                .map(record_words::vote)
                .unwrap_or_else(|| words::NONE.to_owned()),
            if self.corrections.is_empty() { words::NONE.to_owned() } else { self.corrections.join("；") },
        ]
    }

    /// One row per expected member, in `words::DETAIL_COLUMNS` order.
    pub fn detail_rows(&self) -> Vec<Vec<String>> {
        self.entries
            .iter()
            .map(|e| {
                let (state, mode) = match (&e.present, &e.answer) {
                    (Some(Mode::Delivered), _) => (words::DELIVERED, Mode::Delivered.name_cn()),
                    (Some(mode), _) => (words::PRESENT, mode.name_cn()),
                    (None, Some(Answer::Leave { .. })) => (words::LEAVE, ""),
                    (None, _) => (words::ABSENT, ""),
                };
                let mut note = Vec::new();
                if let (None, Some(Answer::Leave { reason: Some(r) })) = (&e.present, &e.answer) {
                    note.push(r.clone());
                }
                if let (None, Some(r)) = (&e.present, &e.absent_reason) {
                    note.push(r.clone());
                }
                if let Some(p) = &e.proxy {
                    note.push(words::proxy(p));
                }
                vec![
                    self.meeting.id.to_string(),
                    self.time.clone(),
                    self.meeting.kind().name_cn().to_owned(),
                    e.name.clone(),
                    (if e.probationary { words::PROBATIONARY } else { words::FULL }).to_owned(),
                    state.to_owned(),
                    mode.to_owned(),
                    note.join("；"),
                    makeup_cell(e),
                    e.makeup_views.clone().unwrap_or_default(),
                ]
            })
            .collect()
    }

    /// The record as the secretary reads it in chat; corrections, if any, in a section of
    /// their own at the end.
    pub fn text(&self) -> String {
        let row = self.row();
        let mut lines = vec![format!("【{}】", words::RECORD_TITLE)];
        for (i, column) in words::COLUMNS.iter().enumerate().skip(1).take(words::COLUMNS.len() - 2) {
            lines.push(format!("{column}：{}", row[i]));
        }
        let makeups: Vec<String> = self
            .entries
            .iter()
            .filter(|e| e.makeup_on.is_some())
            .map(|e| words::makeup_line(&e.name, &makeup_cell(e), e.makeup_views.as_deref()))
            .collect();
        if !makeups.is_empty() {
            lines.push(format!("{}：", words::MAKEUPS));
            lines.extend(makeups);
        }
        if !self.corrections.is_empty() {
            lines.push(format!("{}：", record_words::CORRECTIONS));
            lines.extend(self.corrections.iter().cloned());
        }
        lines.join("\n")
    }
}

/// The record book as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese).
pub fn to_csv(records: &[MeetingRecord]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    let _ = writer.write_record(words::COLUMNS);
    for r in records {
        let _ = writer.write_record(r.row().iter().map(|cell| inert(cell)));
    }
    writer.into_inner().unwrap_or_default()
}

/// A cell a spreadsheet program would run as a formula (`=CMD()`, `+1+1`, `@SUM(…)`, `-2+3`) gets
/// a leading apostrophe, so it is shown as the text it is. (XLSX cells are written as strings.)
fn inert(cell: &str) -> String {
    let mut chars = cell.chars();
    let formula = match chars.next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => chars.next().is_some_and(|c| !c.is_whitespace()),
        _ => false,
    };
    if formula { format!("'{cell}") } else { cell.to_owned() }
}

/// A sheet's name, column titles and rows.
type Sheet<'a> = (&'a str, &'a [&'a str], Vec<Vec<String>>);

/// The record book as XLSX: one sheet of records, one of each member's attendance, and one of
/// the period's 走访慰问 visits when there were any (`visits` in `words::VISIT_COLUMNS` order).
pub fn to_xlsx(
    records: &[MeetingRecord],
    visits: &[Vec<String>],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let mut sheets: Vec<Sheet> = vec![
        (words::SHEET_RECORDS, &words::COLUMNS, records.iter().map(MeetingRecord::row).collect()),
        (
            words::SHEET_DETAIL,
            &words::DETAIL_COLUMNS,
            records.iter().flat_map(MeetingRecord::detail_rows).collect(),
        ),
    ];
    if !visits.is_empty() {
        sheets.push((words::SHEET_VISITS, &words::VISIT_COLUMNS, visits.to_vec()));
    }
    for (name, columns, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        for (c, title) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *title, &bold)?;
            sheet.set_column_width(c as u16, 14)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write_string(r as u32 + 1, c as u16, cell)?;
            }
        }
    }
    book.save_to_buffer()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A printable HTML document: one table per meeting, then its attendance; the period's 走访慰问
/// visits in a section of their own at the end, when there were any.
pub fn to_html(branch: &str, records: &[MeetingRecord], visits: &[Vec<String>]) -> String {
    let title = escape(&words::book_title(branch));
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:serif;font-size:16pt}}table{{border-collapse:collapse;width:100%;margin-bottom:1em}}\
         td,th{{border:1px solid #000;padding:4px 8px;text-align:left}}section{{page-break-after:always}}</style>\
         </head><body><h1>{title}</h1>\n"
    );
    for r in records {
        html.push_str(&format!("<section><h2>{}</h2><table>\n", escape(words::RECORD_TITLE)));
        for (column, cell) in words::COLUMNS.iter().zip(r.row()).skip(1).take(words::COLUMNS.len() - 2) {
            html.push_str(&format!("<tr><th>{column}</th><td>{}</td></tr>\n", escape(&cell)));
        }
        html.push_str("</table><table><tr>");
        for column in words::DETAIL_COLUMNS.iter().skip(3) {
            html.push_str(&format!("<th>{column}</th>"));
        }
        html.push_str("</tr>\n");
        for row in r.detail_rows() {
            let cells: String = row.iter().skip(3).map(|c| format!("<td>{}</td>", escape(c))).collect();
            html.push_str(&format!("<tr>{cells}</tr>\n"));
        }
        html.push_str("</table>");
        if !r.corrections.is_empty() {
            html.push_str(&format!("<h3>{}</h3><ol>", escape(record_words::CORRECTIONS)));
            for line in &r.corrections {
                html.push_str(&format!("<li>{}</li>", escape(line)));
            }
            html.push_str("</ol>");
        }
        html.push_str("</section>\n");
    }
    if !visits.is_empty() {
        html.push_str(&format!("<section><h2>{}</h2><table><tr>", escape(words::SHEET_VISITS)));
        for column in words::VISIT_COLUMNS {
            html.push_str(&format!("<th>{column}</th>"));
        }
        html.push_str("</tr>\n");
        for row in visits {
            let cells: String = row.iter().map(|c| format!("<td>{}</td>", escape(c))).collect();
            html.push_str(&format!("<tr>{cells}</tr>\n"));
        }
        html.push_str("</table></section>\n");
    }
    html.push_str("</body></html>\n");
    html
}

/// Which file to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }
}

/// The file's bytes in `format`, without visits (what the dashboard may show).
pub fn render(branch: &str, records: &[MeetingRecord], format: Format) -> Result<Vec<u8>, String> {
    render_book(branch, records, &[], format)
}

/// The file's bytes in `format`, with the period's 走访慰问 visits (the secretary's book; CSV
/// holds the records alone).
pub fn render_book(
    branch: &str,
    records: &[MeetingRecord],
    visits: &[Vec<String>],
    format: Format,
) -> Result<Vec<u8>, String> {
    match format {
        Format::Csv => Ok(to_csv(records)),
        Format::Xlsx => to_xlsx(records, visits).map_err(|e| e.to_string()),
        Format::Html => Ok(to_html(branch, records, visits).into_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_written_as_text() {
        for (cell, written) in [
            ("=CMD()", "'=CMD()"),
            ("+1+1", "'+1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-2+3", "'-2+3"),
            ("-", "-"),
            ("张德明", "张德明"),
            ("2026-11-21", "2026-11-21"),
        ] {
            assert_eq!(inert(cell), written, "{cell}");
        }
    }
}
