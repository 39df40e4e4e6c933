//! Finding the header row under any title rows, and which column holds which field.

use std::collections::HashMap;

use super::cells::{Cell, SourceRow, compact};

/// How many non-empty rows from the top may hold the header (the rest are titles).
const HEADER_SEARCH_ROWS: usize = 10;

/// The fields a roster column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Field {
    Name,
    Gender,
    Birth,
    Joined,
    /// The day the member joined this branch (转入日期).
    BranchJoined,
    Membership,
    Retirement,
    Group,
    Phone,
    Contact,
    Note,
}

/// The header words each field goes by, after [`normalise_header`].
const ALIASES: &[(Field, &[&str])] = &[
    (Field::Name, &["姓名", "名字"]),
    (Field::Gender, &["性别"]),
    (Field::Birth, &["出生日期", "出生年月", "出生年月日", "生日"]),
    (Field::Joined, &["入党日期", "入党时间", "入党年月"]),
    (Field::BranchJoined, &["转入日期", "转入时间", "加入支部日期", "入支部日期", "转入本支部日期"]),
    (Field::Membership, &["党员类别", "党员类型", "类别"]),
    (Field::Retirement, &["人员类别", "离退休类别", "离退休"]),
    (Field::Group, &["党小组", "所在党小组", "小组"]),
    (Field::Phone, &["手机", "手机号", "手机号码", "联系电话", "电话", "联系方式"]),
    (Field::Contact, &["联系人", "家属联系人"]),
    (Field::Note, &["备注"]),
];

/// Which column (0-based) holds each field; the name column is always there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Columns(HashMap<Field, usize>);

impl Columns {
    /// Reads a header row; `None` when it has no name column. When two
    /// columns claim the same field, the first one wins.
    fn from_header(cells: &[Cell]) -> Option<Columns> {
        let mut columns = HashMap::new();
        for (index, cell) in cells.iter().enumerate() {
            if let Some(field) = cell.text().as_deref().and_then(field_for) {
                columns.entry(field).or_insert(index);
            }
        }
        columns.contains_key(&Field::Name).then_some(Columns(columns))
    }

    pub(super) fn get(&self, field: Field) -> Option<usize> {
        self.0.get(&field).copied()
    }
}

/// The index of the header row in `rows` and its columns: the first of the
/// first few non-empty rows that has a name column.
pub(super) fn find_header(rows: &[SourceRow]) -> Option<(usize, Columns)> {
    rows.iter()
        .enumerate()
        .filter(|(_, row)| !row.is_blank())
        .take(HEADER_SEARCH_ROWS)
        .find_map(|(index, row)| Columns::from_header(&row.cells).map(|c| (index, c)))
}

/// True for a name-column header word, e.g. a header repeated on every printed page.
pub(super) fn is_name_header(text: &str) -> bool {
    field_for(text) == Some(Field::Name)
}

/// The field a header cell names, tolerating `党员姓名`, `手机号(必填)`, `*姓名：`.
fn field_for(header: &str) -> Option<Field> {
    let word = normalise_header(header);
    lookup(&word).or_else(|| lookup(word.strip_prefix("党员")?))
}

fn lookup(word: &str) -> Option<Field> {
    ALIASES.iter().find(|(_, aliases)| aliases.contains(&word)).map(|(field, _)| *field)
}

/// Half-width, no spaces, no required-field stars, no trailing colon, no
/// parenthesised remark.
fn normalise_header(header: &str) -> String {
    let word = compact(header).replace('*', "");
    let word = word.split('(').next().unwrap_or_default();
    word.trim_end_matches(':').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: usize, texts: &[&str]) -> SourceRow {
        let cells = texts.iter().map(|t| Cell::from_text(t)).collect();
        SourceRow { number, cells }
    }

    #[test]
    fn every_alias_names_its_field() {
        for (field, aliases) in ALIASES {
            for alias in *aliases {
                assert_eq!(field_for(alias), Some(*field), "{alias}");
            }
        }
    }

    #[test]
    fn header_cells_with_stray_spaces_and_full_width_chars_are_recognised() {
        assert_eq!(field_for(" 姓  名 "), Some(Field::Name));
        assert_eq!(field_for("\u{3000}手机号码\u{3000}"), Some(Field::Phone));
        assert_eq!(field_for("手机号（必填）"), Some(Field::Phone));
        assert_eq!(field_for("*姓名："), Some(Field::Name));
        assert_eq!(field_for("党员姓名"), Some(Field::Name));
        assert_eq!(field_for("联系人电话"), None);
        assert_eq!(field_for("第一党支部党员花名册"), None);
    }

    #[test]
    fn the_header_is_found_below_title_rows() {
        let rows = vec![
            row(1, &["第一党支部党员花名册（2026年11月）"]),
            row(2, &[]),
            row(3, &["制表：组织委员", ""]),
            row(4, &["序号", "名字", "联系方式", "类别", "离退休类别", "所在党小组"]),
            row(5, &["1", "王建国", "13800138001", "正式", "退休", "第一党小组"]),
        ];
        let (index, columns) = find_header(&rows).unwrap();
        assert_eq!(index, 3);
        assert_eq!(columns.get(Field::Name), Some(1));
        assert_eq!(columns.get(Field::Phone), Some(2));
        assert_eq!(columns.get(Field::Membership), Some(3));
        assert_eq!(columns.get(Field::Retirement), Some(4));
        assert_eq!(columns.get(Field::Group), Some(5));
        assert_eq!(columns.get(Field::Birth), None);
    }

    #[test]
    fn the_first_of_two_columns_with_the_same_field_wins() {
        let rows = vec![row(1, &["姓名", "手机", "电话"])];
        let (_, columns) = find_header(&rows).unwrap();
        assert_eq!(columns.get(Field::Phone), Some(1));
    }

    #[test]
    fn a_name_column_further_down_than_ten_rows_is_not_a_header() {
        let mut rows: Vec<SourceRow> = (1..=10).map(|n| row(n, &["说明"])).collect();
        rows.push(row(11, &["姓名"]));
        assert_eq!(find_header(&rows), None);
    }
}
