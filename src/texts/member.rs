//! Sentences members read about themselves.

use crate::store::members::MemberRow;

pub const NOT_A_MEMBER_INFO: &str = "您是以联系人或管理员身份绑定的，花名册中没有您本人的记录。";

/// What the branch has recorded about the member (their right to see their own data).
pub fn my_info(m: &MemberRow) -> String {
    let membership = if m.membership == "probationary" { "预备党员" } else { "正式党员" };
    let mut lines = vec![format!("{}同志，支部登记的您的信息：", m.name), format!("党员类别：{membership}")];
    if let Some(group) = &m.party_group {
        lines.push(format!("所在党小组：{group}"));
    }
    if let Some(phone) = &m.phone {
        lines.push(format!("手机号：{phone}"));
    }
    if let Some(joined) = &m.joined_on {
        lines.push(format!("入党日期：{}", date_in_words(joined)));
    }
    if let Some(contact) = &m.contact_name {
        lines.push(format!("联系人：{contact}"));
    }
    lines.push("如有错误，请告诉支部书记。".to_owned());
    lines.join("\n")
}

/// "1962-07-01" → "1962年7月1日".
fn date_in_words(iso: &str) -> String {
    match chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => d.format("%Y年%-m月%-d日").to_string(),
        Err(_) => iso.to_owned(),
    }
}
