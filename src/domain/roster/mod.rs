//! Reading a 党员花名册 (party member roster) file, CSV or Excel, into typed rows.
//!
//! The entry point is [`read_roster`]. It never fails on a single bad row: a row
//! without a usable name is skipped, every other oddity (bad phone, bad date,
//! unknown 党员类别, missing phone) is imported as far as possible and reported
//! as a [`RowProblem`] for the secretary to read.

mod cells;
mod csv_source;
mod dates;
mod header;
mod kinds;
mod member_fields;
mod phone;
mod rows;
mod xlsx_source;

use std::path::Path;

use chrono::NaiveDate;

pub use cells::clean_name;
pub use dates::parse_roster_date;
pub use kinds::{Gender, Membership, Retirement};
pub use member_fields::{Field, MemberFields};
pub use phone::ChinaMobile;

/// One member as read from the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// The row number a person sees in Excel or a text editor: 1-based,
    /// counting title rows and the header.
    pub row_number: usize,
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<NaiveDate>,
    pub joined_on: Option<NaiveDate>,
    /// The day they joined this branch (转入日期), when the roster says.
    pub branch_joined_on: Option<NaiveDate>,
    pub membership: Membership,
    pub retirement: Option<Retirement>,
    pub party_group: Option<String>,
    pub phone: Option<ChinaMobile>,
    /// The contact person's name, cleaned like a member's name.
    pub contact_person: Option<String>,
    pub note: Option<String>,
}

/// Which date column a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateColumn {
    /// 出生日期
    Birth,
    /// 入党日期
    Joined,
    /// 转入日期
    BranchJoined,
}

/// What is wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowIssue {
    /// No usable name: the row is skipped.
    MissingName,
    /// A phone is given but is not a mainland mobile; imported without phone.
    InvalidPhone { value: String },
    /// No phone: imported, but the member cannot bind by sharing their phone.
    MissingPhone,
    /// A date that could not be read; imported without that date.
    InvalidDate { column: DateColumn, value: String },
    /// A 党员类别 other than 正式 / 预备; imported as 正式.
    UnknownMembership { value: String },
    /// A cell longer than any roster field can be (a pasted document, a hostile file): the row
    /// is skipped rather than stored.
    CellTooLong,
}

/// The most characters a roster cell may hold (a 备注 included).
pub const MAX_CELL_CHARS: usize = 200;

/// An issue found in one row, for the secretary to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row_number: usize,
    /// The member's cleaned name, when the row has one.
    pub name: Option<String>,
    pub issue: RowIssue,
    /// True when the row was not imported at all.
    pub skipped: bool,
}

/// The result of reading a roster: the members, and what the secretary should check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RosterSheet {
    pub rows: Vec<RosterRow>,
    pub problems: Vec<RowProblem>,
}

/// Why a roster file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("unsupported roster file format: {file_name:?} (expected .csv, .xlsx or .xls)")]
    UnsupportedFormat { file_name: String },
    #[error("no header row with a name column in the first rows of the roster")]
    NoHeader,
    #[error("unreadable roster file: {0}")]
    Unreadable(String),
}

/// The most bytes a roster file sent in chat may have: a branch of fifty fits in a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Whether a file with this name is one `read_roster` can try (by its extension).
pub fn is_roster_file(file_name: &str) -> bool {
    let extension = Path::new(file_name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(extension.as_deref(), Some("csv" | "xlsx" | "xlsm" | "xls"))
}

/// Reads a roster file; the format is chosen by the file name's extension
/// (`.csv`, `.xlsx`, `.xlsm`, `.xls`, case-insensitive).
pub fn read_roster(file_name: &str, bytes: &[u8]) -> Result<RosterSheet, RosterError> {
    let extension = Path::new(file_name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let source_rows = match extension.as_deref() {
        Some("csv") => csv_source::read(bytes)?,
        Some("xlsx" | "xlsm" | "xls") => xlsx_source::read(bytes)?,
        _ => {
            return Err(RosterError::UnsupportedFormat { file_name: file_name.to_string() });
        }
    };
    rows::build_sheet(&source_rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &[u8] = include_bytes!("../../../tests/fixtures/roster/sample-roster.csv");
    const GBK: &[u8] = include_bytes!("../../../tests/fixtures/roster/sample-roster-gbk.csv");
    const XLSX: &[u8] = include_bytes!("../../../tests/fixtures/roster/sample-roster.xlsx");

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// The rows without their row numbers, which differ between files.
    fn members(sheet: &RosterSheet) -> Vec<RosterRow> {
        let unnumbered = |r: &RosterRow| RosterRow { row_number: 0, ..r.clone() };
        sheet.rows.iter().map(unnumbered).collect()
    }

    #[test]
    fn the_utf8_sample_gives_24_members_and_one_missing_phone_notice() {
        let sheet = read_roster("sample-roster.csv", CSV).unwrap();
        assert_eq!(sheet.rows.len(), 24);
        let notice = RowProblem {
            row_number: 4,
            name: Some("张德明".into()),
            issue: RowIssue::MissingPhone,
            skipped: false,
        };
        assert_eq!(sheet.problems, vec![notice]);
    }

    #[test]
    fn the_gbk_sample_reads_the_same_as_the_utf8_sample() {
        let utf8 = read_roster("sample-roster.csv", CSV).unwrap();
        let gbk = read_roster("sample-roster-gbk.csv", GBK).unwrap();
        assert_eq!(gbk, utf8);
    }

    #[test]
    fn the_xlsx_sample_holds_the_same_members_one_row_lower() {
        let csv = read_roster("sample-roster.csv", CSV).unwrap();
        let xlsx = read_roster("sample-roster.xlsx", XLSX).unwrap();
        assert_eq!(members(&xlsx), members(&csv));
        let csv_numbers: Vec<usize> = csv.rows.iter().map(|r| r.row_number + 1).collect();
        let xlsx_numbers: Vec<usize> = xlsx.rows.iter().map(|r| r.row_number).collect();
        assert_eq!(xlsx_numbers, csv_numbers);
        assert_eq!(xlsx.problems.len(), 1);
        assert_eq!(xlsx.problems[0].row_number, 5);
        assert_eq!(xlsx.problems[0].issue, RowIssue::MissingPhone);
    }

    #[test]
    fn the_first_sample_member_is_read_field_by_field() {
        let sheet = read_roster("sample-roster.xlsx", XLSX).unwrap();
        let expected = RosterRow {
            row_number: 3,
            name: "王建国".into(),
            gender: Some(Gender::Male),
            birth_date: date(1941, 3, 15),
            joined_on: date(1962, 7, 1),
            branch_joined_on: None,
            membership: Membership::Full,
            retirement: Some(Retirement::Tuixiu),
            party_group: Some("第一党小组".into()),
            phone: ChinaMobile::parse("13800138001"),
            contact_person: None,
            note: Some("支部书记".into()),
        };
        assert_eq!(sheet.rows[0], expected);
    }

    #[test]
    fn the_samples_keep_their_quirks_readable() {
        let sheet = read_roster("sample-roster.csv", CSV).unwrap();
        let by_row = |n: usize| sheet.rows.iter().find(|r| r.row_number == n).unwrap();
        let zhang = by_row(4);
        assert_eq!(zhang.birth_date, date(1929, 11, 8));
        assert_eq!(zhang.retirement, Some(Retirement::Lixiu));
        assert_eq!(zhang.contact_person.as_deref(), Some("赵红梅"));
        assert_eq!(zhang.phone, None);
        assert_eq!(by_row(5).phone.as_ref().unwrap().as_str(), "13800138004");
        assert_eq!(by_row(6).birth_date, date(1952, 4, 19));
        assert_eq!(by_row(7).phone.as_ref().unwrap().as_str(), "13800138006");
        assert_eq!(by_row(12).membership, Membership::Probationary);
        assert_eq!(by_row(22).name, "高德胜");
        let same_name = sheet.rows.iter().filter(|r| r.name == "王建国").count();
        assert_eq!(same_name, 2);
    }

    #[test]
    fn a_messy_csv_with_title_rows_and_alias_headers_is_read() {
        let csv = "\u{feff}第二党支部党员名单,,,,,,,,\r\n\
                   ,,,,,,,,\r\n\
                   名字 ,性 别,出生年月,入党时间,党员类型,离退休类别,所在党小组,联系电话,家属联系人,备注\r\n\
                   \u{3000}王 建国,男,1941年3月,1962.7.1,正式党员,退休,一组,（+86）138-0013-8001,, \r\n\
                   ,,,,,,,,,\r\n\
                   李秀英,女,１９４５／６／２,19700504,预备党员,离休,二组,12345,\u{3000}赵 红梅 ,住院\r\n";
        let sheet = read_roster("名单.csv", csv.as_bytes()).unwrap();
        let wang = &sheet.rows[0];
        assert_eq!((wang.row_number, wang.name.as_str()), (4, "王建国"));
        assert_eq!(wang.birth_date, date(1941, 3, 1));
        assert_eq!(wang.joined_on, date(1962, 7, 1));
        assert_eq!(wang.phone.as_ref().map(ChinaMobile::as_str), Some("13800138001"));
        assert_eq!(wang.party_group.as_deref(), Some("一组"));
        assert_eq!(wang.note, None);
        let li = &sheet.rows[1];
        assert_eq!(li.row_number, 6);
        assert_eq!(li.gender, Some(Gender::Female));
        assert_eq!(li.birth_date, date(1945, 6, 2));
        assert_eq!(li.membership, Membership::Probationary);
        assert_eq!(li.retirement, Some(Retirement::Lixiu));
        assert_eq!(li.contact_person.as_deref(), Some("赵红梅"));
        let invalid = RowProblem {
            row_number: 6,
            name: Some("李秀英".into()),
            issue: RowIssue::InvalidPhone { value: "12345".into() },
            skipped: false,
        };
        assert_eq!(sheet.problems, vec![invalid]);
    }

    #[test]
    fn the_extension_is_matched_case_insensitively() {
        assert!(read_roster("花名册.XLSX", XLSX).is_ok());
        assert!(read_roster("花名册.Csv", CSV).is_ok());
    }

    #[test]
    fn an_unknown_extension_is_an_unsupported_format() {
        let err = read_roster("花名册.docx", CSV).unwrap_err();
        assert_eq!(err, RosterError::UnsupportedFormat { file_name: "花名册.docx".into() });
        assert!(matches!(read_roster("花名册", CSV), Err(RosterError::UnsupportedFormat { .. })));
    }

    #[test]
    fn a_broken_workbook_is_unreadable() {
        let err = read_roster("花名册.xlsx", b"not a workbook").unwrap_err();
        assert!(matches!(err, RosterError::Unreadable(_)));
    }

    #[test]
    fn a_file_without_a_name_column_has_no_header() {
        let csv = "编号,电话\n1,13800138001\n".as_bytes();
        assert_eq!(read_roster("a.csv", csv), Err(RosterError::NoHeader));
        assert_eq!(read_roster("a.csv", b""), Err(RosterError::NoHeader));
    }
}
