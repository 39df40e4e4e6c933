//! Sentences members read about themselves.

use crate::domain::roster::MemberFields;

pub const NOT_A_MEMBER_INFO: &str = "您是以联系人或管理员身份绑定的，花名册中没有您本人的记录。";

/// What the branch has recorded about the member (their right to see their own data).
pub fn my_info(m: &MemberFields) -> String {
    let membership = format!("{}党员", super::dates::membership_label(&m.membership));
    let mut lines = vec![format!("{}同志，支部登记的您的信息：", m.name), format!("党员类别：{membership}")];
    if let Some(group) = &m.party_group {
        lines.push(format!("所在党小组：{group}"));
    }
    if let Some(phone) = &m.phone {
        lines.push(format!("手机号：{phone}"));
    }
    if let Some(joined) = &m.joined_on {
        lines.push(format!("入党日期：{}", super::dates::full_date_of_iso(joined)));
    }
    if let Some(contact) = &m.contact_name {
        lines.push(format!("联系人：{contact}"));
    }
    lines.push("如有错误，请告诉支部书记。".to_owned());
    lines.join("\n")
}
