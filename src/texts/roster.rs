//! Sentences about roster import, as the secretary reads them.

use crate::domain::roster::{DateColumn, RosterError, RowIssue, RowProblem};

/// One line per problem, naming the row as the secretary sees it in the file.
pub fn row_problem(p: &RowProblem) -> String {
    let place = match &p.name {
        Some(name) => format!("第{}行（{}）", p.row_number, name),
        None => format!("第{}行", p.row_number),
    };
    format!("{place}：{}", issue(&p.issue))
}

fn issue(issue: &RowIssue) -> String {
    match issue {
        RowIssue::MissingName => "没有找到姓名，这一行未导入。如是党员，请补上姓名后重新导入。".to_string(),
        RowIssue::InvalidPhone { value } => {
            format!("手机号“{value}”不是有效的手机号，已导入但未记录手机号，请核对后重新导入。")
        }
        RowIssue::MissingPhone => "没有手机号，本人无法通过分享手机号绑定，\
             可由联系人代为绑定或由书记发送个人绑定链接。已导入。"
            .to_string(),
        RowIssue::InvalidDate { column, value } => {
            let column = date_column(*column);
            format!(
                "{column}“{value}”无法识别，已导入但未记录{column}，\
                 请按“1950-03-01”的样式填写后重新导入。"
            )
        }
        RowIssue::UnknownMembership { value } => {
            format!("党员类别“{value}”无法识别，已按正式党员导入。如是预备党员，请改为“预备”后重新导入。")
        }
        RowIssue::CellTooLong => format!(
            "有一格超过{}个字，这一行未导入。请把这一格删短（备注可写简要）后重新导入。",
            crate::domain::roster::MAX_CELL_CHARS
        ),
    }
}

fn date_column(column: DateColumn) -> &'static str {
    match column {
        DateColumn::Birth => "出生日期",
        DateColumn::Joined => "入党日期",
        DateColumn::BranchJoined => "转入日期",
    }
}

/// Why the whole file could not be read, and what to send instead.
pub fn roster_error(e: &RosterError) -> String {
    match e {
        RosterError::UnsupportedFormat { .. } => "无法识别文件格式：请提供 .csv 或 .xlsx 文件。".to_string(),
        RosterError::NoHeader => "没有找到表头：请确认表格中有“姓名”一列。".to_string(),
        RosterError::Unreadable(_) => "文件无法读取，可能已损坏或设置了密码。\
             请用 Excel 或 WPS 打开后另存为 .xlsx 文件，再重新发送。"
            .to_string(),
    }
}

/// The same phone number on two rows of one file: the later row is imported without it.
pub fn duplicate_phone(row_number: usize, name: &str, first_row: usize) -> String {
    format!(
        "第{row_number}行（{name}）：手机号与第{first_row}行相同，已导入但未记录手机号，请核对后重新导入。"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(name: Option<&str>, issue: RowIssue) -> RowProblem {
        RowProblem { row_number: 9, name: name.map(str::to_string), issue, skipped: false }
    }

    #[test]
    fn a_missing_phone_explains_how_the_member_can_still_bind() {
        let p = RowProblem { row_number: 5, ..problem(Some("张德明"), RowIssue::MissingPhone) };
        assert_eq!(
            row_problem(&p),
            "第5行（张德明）：没有手机号，本人无法通过分享手机号绑定，\
             可由联系人代为绑定或由书记发送个人绑定链接。已导入。"
        );
    }

    #[test]
    fn an_invalid_phone_quotes_the_value() {
        let issue = RowIssue::InvalidPhone { value: "12345".into() };
        assert_eq!(
            row_problem(&problem(None, issue)),
            "第9行：手机号“12345”不是有效的手机号，已导入但未记录手机号，请核对后重新导入。"
        );
    }

    #[test]
    fn every_problem_names_its_row_and_ends_a_sentence() {
        let issues = [
            RowIssue::MissingName,
            RowIssue::MissingPhone,
            RowIssue::InvalidPhone { value: "1".into() },
            RowIssue::InvalidDate { column: DateColumn::Joined, value: "不详".into() },
            RowIssue::UnknownMembership { value: "积极分子".into() },
        ];
        for issue in issues {
            let text = row_problem(&problem(Some("王建国"), issue));
            assert!(text.starts_with("第9行（王建国）："), "{text}");
            assert!(text.ends_with('。'), "{text}");
        }
    }

    #[test]
    fn an_invalid_date_names_its_column() {
        let issue = RowIssue::InvalidDate { column: DateColumn::Birth, value: "不详".into() };
        let text = row_problem(&problem(Some("王建国"), issue));
        assert!(text.contains("出生日期“不详”无法识别"), "{text}");
    }

    #[test]
    fn file_errors_say_what_to_do() {
        let format = RosterError::UnsupportedFormat { file_name: "a.doc".into() };
        assert_eq!(roster_error(&format), "无法识别文件格式：请提供 .csv 或 .xlsx 文件。");
        assert_eq!(roster_error(&RosterError::NoHeader), "没有找到表头：请确认表格中有“姓名”一列。");
        let unreadable = roster_error(&RosterError::Unreadable("zip".into()));
        assert!(unreadable.contains("另存为 .xlsx"), "{unreadable}");
    }
}
