//! Turning the rows under the header into members, and noting what the secretary should check.

use super::cells::{Cell, SourceRow, clean_name, fold_width};
use super::dates::date_from_cell;
use super::header::{Columns, Field, find_header, is_name_header};
use super::phone::phone_from_cell;
use super::{
    ChinaMobile, DateColumn, Gender, MAX_CELL_CHARS, Membership, Retirement, RosterError, RosterRow,
    RosterSheet, RowIssue, RowProblem,
};

/// Names longer than this are taken for a remark, not a person.
const MAX_NAME_CHARS: usize = 20;

/// Reads every row under the header; empty rows and repeated headers are skipped silently.
pub(super) fn build_sheet(rows: &[SourceRow]) -> Result<RosterSheet, RosterError> {
    let (header_at, columns) = find_header(rows).ok_or(RosterError::NoHeader)?;
    let mut sheet = RosterSheet::default();
    for row in &rows[header_at + 1..] {
        let reader = RowReader { row, columns: &columns };
        if !row.is_blank() && !reader.is_repeated_header() {
            reader.read_into(&mut sheet);
        }
    }
    Ok(sheet)
}

/// A name that can be a person's: cleaned, no digits or colons (those are
/// footers like `合计：24人` or `制表人：…`), not overly long.
fn usable_name(raw: &str) -> Option<String> {
    let name = clean_name(raw)?;
    let folded = fold_width(&name);
    let remark = folded.contains(|c: char| c.is_ascii_digit() || c == ':');
    (!remark && name.chars().count() <= MAX_NAME_CHARS).then_some(name)
}

struct RowReader<'a> {
    row: &'a SourceRow,
    columns: &'a Columns,
}

impl RowReader<'_> {
    fn cell(&self, field: Field) -> &Cell {
        self.columns.get(field).and_then(|index| self.row.cells.get(index)).unwrap_or(&Cell::Empty)
    }

    fn text(&self, field: Field) -> Option<String> {
        self.cell(field).text()
    }

    fn is_repeated_header(&self) -> bool {
        self.text(Field::Name).is_some_and(|t| is_name_header(&t))
    }

    /// Adds the row as a member (with any notices), or a problem when it has no name.
    fn read_into(&self, sheet: &mut RosterSheet) {
        let row_number = self.row.number;
        let too_long = |c: &Cell| matches!(c, Cell::Text(t) if t.trim().chars().count() > MAX_CELL_CHARS);
        if self.row.cells.iter().any(too_long) {
            sheet.problems.push(RowProblem {
                row_number,
                name: None,
                issue: RowIssue::CellTooLong,
                skipped: true,
            });
            return;
        }
        let Some(name) = self.text(Field::Name).as_deref().and_then(usable_name) else {
            sheet.problems.push(RowProblem {
                row_number,
                name: None,
                issue: RowIssue::MissingName,
                skipped: true,
            });
            return;
        };
        let mut issues = Vec::new();
        let member = RosterRow {
            row_number,
            gender: self.text(Field::Gender).as_deref().and_then(Gender::from_label),
            phone: self.phone(&mut issues),
            birth_date: self.date(DateColumn::Birth, &mut issues),
            joined_on: self.date(DateColumn::Joined, &mut issues),
            branch_joined_on: self.date(DateColumn::BranchJoined, &mut issues),
            membership: self.membership(&mut issues),
            retirement: self.text(Field::Retirement).as_deref().and_then(Retirement::from_label),
            party_group: self.text(Field::Group),
            contact_person: self.text(Field::Contact).as_deref().and_then(clean_name),
            note: self.text(Field::Note),
            name,
        };
        sheet.problems.extend(issues.into_iter().map(|issue| RowProblem {
            row_number,
            name: Some(member.name.clone()),
            issue,
            skipped: false,
        }));
        sheet.rows.push(member);
    }

    fn phone(&self, issues: &mut Vec<RowIssue>) -> Option<ChinaMobile> {
        match phone_from_cell(self.cell(Field::Phone)) {
            Ok(Some(phone)) => Some(phone),
            Ok(None) => {
                issues.push(RowIssue::MissingPhone);
                None
            }
            Err(value) => {
                issues.push(RowIssue::InvalidPhone { value });
                None
            }
        }
    }

    fn date(&self, column: DateColumn, issues: &mut Vec<RowIssue>) -> Option<chrono::NaiveDate> {
        let field = match column {
            DateColumn::Birth => Field::Birth,
            DateColumn::Joined => Field::Joined,
            DateColumn::BranchJoined => Field::BranchJoined,
        };
        date_from_cell(self.cell(field)).unwrap_or_else(|value| {
            issues.push(RowIssue::InvalidDate { column, value });
            None
        })
    }

    /// 正式 when the cell is empty; 正式 with a notice when it holds something else.
    fn membership(&self, issues: &mut Vec<RowIssue>) -> Membership {
        let Some(value) = self.text(Field::Membership) else {
            return Membership::Full;
        };
        Membership::from_label(&value).unwrap_or_else(|| {
            issues.push(RowIssue::UnknownMembership { value });
            Membership::Full
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[&str] = &["姓名", "手机号", "出生日期", "入党日期", "党员类别"];

    fn sheet(lines: &[&[&str]]) -> RosterSheet {
        let rows: Vec<SourceRow> = std::iter::once(HEADER)
            .chain(lines.iter().copied())
            .enumerate()
            .map(|(i, texts)| SourceRow {
                number: i + 1,
                cells: texts.iter().map(|t| Cell::from_text(t)).collect(),
            })
            .collect();
        build_sheet(&rows).unwrap()
    }

    fn problem(row_number: usize, name: &str, issue: RowIssue) -> RowProblem {
        RowProblem { row_number, name: Some(name.into()), issue, skipped: false }
    }

    #[test]
    fn a_row_with_a_cell_too_long_for_any_field_is_skipped_and_named() {
        let long = "很长的备注".repeat(1_000);
        let s = sheet(&[
            &["王建国", "13800138001", "1941-03-15", "1962-07-01", "正式", &long],
            &["李秀英", "13800138002", "1945-06-02", "1970-05-04", "正式"],
        ]);
        assert_eq!(s.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["李秀英"]);
        let skipped = RowProblem { row_number: 2, name: None, issue: RowIssue::CellTooLong, skipped: true };
        assert_eq!(s.problems, vec![skipped]);
    }

    #[test]
    fn a_complete_row_has_no_problems() {
        let s = sheet(&[&["王建国", "13800138001", "1941-03-15", "1962-07-01", "正式"]]);
        assert_eq!(s.rows.len(), 1);
        assert!(s.problems.is_empty());
    }

    #[test]
    fn a_row_without_a_name_is_skipped_and_reported() {
        let s = sheet(&[&["", "13800138001"], &["合计：24人"], &[" \u{3000}", "x"]]);
        assert!(s.rows.is_empty());
        let numbers: Vec<usize> = s.problems.iter().map(|p| p.row_number).collect();
        assert_eq!(numbers, vec![2, 3, 4]);
        assert!(s.problems.iter().all(|p| p.skipped && p.name.is_none()));
        assert!(s.problems.iter().all(|p| p.issue == RowIssue::MissingName));
    }

    #[test]
    fn fully_empty_rows_and_repeated_headers_are_skipped_silently() {
        let s = sheet(&[&[], &["", " ", "\u{3000}"], HEADER, &["李秀英", "13800138002"]]);
        assert_eq!(s.rows.len(), 1);
        assert_eq!(s.rows[0].row_number, 5);
        assert!(s.problems.is_empty());
    }

    #[test]
    fn an_invalid_phone_is_reported_and_the_row_imported_without_it() {
        let s = sheet(&[&["李秀英", "12345"]]);
        assert_eq!(s.rows[0].phone, None);
        let issue = RowIssue::InvalidPhone { value: "12345".into() };
        assert_eq!(s.problems, vec![problem(2, "李秀英", issue)]);
    }

    #[test]
    fn a_missing_phone_is_a_gentle_notice() {
        let s = sheet(&[&["张德明"]]);
        assert_eq!(s.rows.len(), 1);
        assert_eq!(s.problems, vec![problem(2, "张德明", RowIssue::MissingPhone)]);
    }

    #[test]
    fn unreadable_dates_are_reported_per_column() {
        let s = sheet(&[&["王建国", "13800138001", "不详", "1962年7月"]]);
        assert_eq!(s.rows[0].birth_date, None);
        assert_eq!(s.rows[0].joined_on, chrono::NaiveDate::from_ymd_opt(1962, 7, 1));
        let issue = RowIssue::InvalidDate { column: DateColumn::Birth, value: "不详".into() };
        assert_eq!(s.problems, vec![problem(2, "王建国", issue)]);
    }

    #[test]
    fn an_unknown_membership_defaults_to_full_and_is_reported() {
        let s = sheet(&[
            &["王建国", "13800138001", "", "", "积极分子"],
            &["李秀英", "13800138002", "", "", "预备党员"],
            &["孙文斌", "13800138003", "", "", ""],
        ]);
        let memberships: Vec<Membership> = s.rows.iter().map(|r| r.membership).collect();
        let expected = [Membership::Full, Membership::Probationary, Membership::Full];
        assert_eq!(memberships, expected);
        let issue = RowIssue::UnknownMembership { value: "积极分子".into() };
        assert_eq!(s.problems, vec![problem(2, "王建国", issue)]);
    }

    #[test]
    fn a_row_can_carry_several_problems_in_column_order() {
        let s = sheet(&[&["王建国", "", "x", "y", "z"]]);
        let issues: Vec<&RowIssue> = s.problems.iter().map(|p| &p.issue).collect();
        assert!(matches!(
            issues.as_slice(),
            [
                RowIssue::MissingPhone,
                RowIssue::InvalidDate { column: DateColumn::Birth, .. },
                RowIssue::InvalidDate { column: DateColumn::Joined, .. },
                RowIssue::UnknownMembership { .. },
            ]
        ));
    }

    #[test]
    fn member_names_are_cleaned() {
        let s = sheet(&[&["\u{3000}王 建国 ", "13800138001"]]);
        assert_eq!(s.rows[0].name, "王建国");
    }
}
