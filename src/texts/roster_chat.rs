//! Sentences about the roster sent in chat: the file received, its preview, the import.

use crate::domain::roster::Field;

/// The most names listed under one heading of a preview; the rest are counted.
const NAMES_LISTED: usize = 30;

pub const BUTTON_IMPORT: &str = "导入";
pub const BUTTON_CANCEL: &str = "取消";

pub fn received(file_name: &str) -> String {
    format!("已收到花名册“{file_name}”，正在读取，请稍候。读好后我会告诉您导入后有哪些变化。")
}

pub fn too_large(limit_mb: u64) -> String {
    format!(
        "这个文件太大了（超过{limit_mb}MB），花名册一般不会这么大。\
         请只保留党员名单那一张表，另存为 .xlsx 或 .csv 文件后再发给我。"
    )
}

pub const NOT_A_ROSTER_FILE: &str = "我只能读取 Excel（.xlsx）或 CSV（.csv）格式的花名册。\
     请在 Excel 或 WPS 里把花名册另存为 .xlsx 文件，再发给我。";

pub const ONLY_ADMINS_SEND_ROSTER: &str =
    "花名册由支部书记或支委发送。如果您的信息有变化，请告诉支部书记，谢谢。";

pub const FETCH_FAILED: &str = "这个文件没能从 Telegram 取下来，什么都没有改动。请稍后把花名册再发一次。";

pub fn unreadable(reason: &str) -> String {
    format!("{reason}\n什么都没有改动。")
}

/// What importing the file will change, before the secretary taps 【导入】.
pub fn preview(
    file_name: &str,
    added: &[(usize, String)],
    updated: &[(usize, String, Vec<Field>)],
    unchanged: usize,
    notices: &[String],
) -> String {
    let mut lines = vec![format!("花名册“{file_name}”已读好。导入后：")];
    if added.is_empty() && updated.is_empty() {
        lines.push("没有新增，也没有要更新的党员。".to_owned());
    }
    if !added.is_empty() {
        let names: Vec<String> = added.iter().map(|(row, name)| format!("第{row}行 {name}")).collect();
        lines.push(format!("新增{}人：{}", added.len(), listed(&names)));
    }
    if !updated.is_empty() {
        let names: Vec<String> = updated
            .iter()
            .map(|(row, name, fields)| {
                let what: Vec<&str> = fields.iter().map(|f| field(*f)).collect();
                format!("第{row}行 {name}（{}）", what.join("、"))
            })
            .collect();
        lines.push(format!("更新{}人：{}", updated.len(), listed(&names)));
    }
    lines.push(format!("不变{unchanged}人。"));
    if !notices.is_empty() {
        lines.push(format!("有{}行需要核对：", notices.len()));
        lines.extend(notices.iter().cloned());
    }
    lines.push(format!("确认无误请点【{BUTTON_IMPORT}】；不导入请点【{BUTTON_CANCEL}】。"));
    lines.join("\n")
}

fn listed(names: &[String]) -> String {
    if names.len() <= NAMES_LISTED {
        return format!("{}。", names.join("；"));
    }
    format!("{}；等{}人。", names[..NAMES_LISTED].join("；"), names.len())
}

/// A roster column in words.
pub fn field(field: Field) -> &'static str {
    match field {
        Field::Name => "姓名",
        Field::Gender => "性别",
        Field::BirthDate => "出生日期",
        Field::JoinedOn => "入党日期",
        Field::Membership => "党员类别",
        Field::Retirement => "离退休类别",
        Field::PartyGroup => "党小组",
        Field::Phone => "手机号",
        Field::ContactName => "联系人",
        Field::Note => "备注",
        Field::BranchJoined => "转入日期",
    }
}

pub fn imported(added: usize, updated: usize, unchanged: usize) -> String {
    format!("花名册已导入：新增{added}人，更新{updated}人，不变{unchanged}人。发送 /members 可以查看名单。")
}

pub const CANCELLED: &str = "好的，这份花名册没有导入，什么都没有改动。";
pub const EXPIRED: &str = "这份花名册放了太久，已经不再保存，没有导入。请把最新的花名册重新发给我。";
pub const ALREADY_ANSWERED: &str = "这份花名册已经处理过了，不用再点。";
pub const STALE: &str = "这份花名册之后您又发来了一份，这份不再导入。请在最新一份的预览下面点【导入】。";
pub const TAP_IMPORTED: &str = "已导入";
pub const TAP_CANCELLED: &str = "已取消";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preview_names_rows_changes_and_problems_and_says_which_button_to_tap() {
        let text = preview(
            "花名册.xlsx",
            &[(5, "李四".into())],
            &[(3, "王建国".into(), vec![Field::Phone, Field::PartyGroup])],
            20,
            &["第4行（张德明）：没有手机号。".into()],
        );
        assert!(text.contains("新增1人：第5行 李四。"), "{text}");
        assert!(text.contains("更新1人：第3行 王建国（手机号、党小组）。"), "{text}");
        assert!(text.contains("不变20人。"), "{text}");
        assert!(text.contains("有1行需要核对：\n第4行（张德明）"), "{text}");
        assert!(text.ends_with("不导入请点【取消】。"), "{text}");
    }

    #[test]
    fn a_long_list_of_names_is_cut_and_counted() {
        let names: Vec<String> = (0..40).map(|i| format!("党员{i}")).collect();
        let text = listed(&names);
        assert!(text.ends_with("等40人。"), "{text}");
        assert!(!text.contains("党员30"), "{text}");
    }
}
