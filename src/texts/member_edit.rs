//! Sentences for one member changed in chat (`/member`) and for the committee list (`/committee`).

use chrono::NaiveDate;

use crate::domain::member_edit::{Change, MemberEditError};

pub const MEMBER_USAGE: &str = "写法举例：\n\
     /member 张三 电话 13800001234\n\
     /member 张三 党小组 第二党小组\n\
     /member 张三 联系人 赵红梅（写“联系人 无”即删除）\n\
     /member 张三 去世 2026年11月3日（也可写 转出、转正、停止党籍；不写日期即为今天）\n\
     /member add 李四 13900001111 第二党小组（添加党员）\n\
     有同名的，在姓名后加手机尾号或出生年份，例如：/member 张三 8013 电话 13800001234";

pub fn member_error(e: &MemberEditError) -> String {
    match e {
        MemberEditError::Usage => MEMBER_USAGE.to_owned(),
        MemberEditError::WhatToChange => format!("没看出要改哪一项。{MEMBER_USAGE}"),
        MemberEditError::MissingValue(what) => format!("请在“{what}”后面写上新的内容。{MEMBER_USAGE}"),
        MemberEditError::BadPhone(value) => {
            format!("“{value}”不是有效的手机号，什么都没有改动。请写11位手机号，例如 13800001234。")
        }
        MemberEditError::BadDate(value) => {
            format!("“{value}”这个日期我读不懂，什么都没有改动。请写成“2026年11月3日”这样。")
        }
    }
}

pub fn added(name: &str) -> String {
    format!("已添加党员：{name}同志。发送 /link {name} 可以生成他的绑定链接。")
}

pub fn changed(name: &str, change: &Change, since: Option<NaiveDate>) -> String {
    match change {
        Change::Phone(phone) => format!("已把{name}同志的手机号改为 {}。", phone.as_str()),
        Change::PartyGroup(group) => format!("已把{name}同志调到{group}。"),
        Change::Contact(Some(contact)) => format!("已把{name}同志的联系人改为{contact}。"),
        Change::Contact(None) => format!("已删除{name}同志的联系人。"),
        Change::Status { status, .. } => {
            let day = since.map(|d| crate::texts::dates::full_date(&d)).unwrap_or_default();
            format!("已记录：{name}同志自{day}起为“{}”。之前的会议记录不受影响。", status.name_cn())
        }
    }
}

pub fn phone_taken(by: &str) -> String {
    format!("这个手机号已经登记在{by}同志名下，什么都没有改动。请核对号码。")
}

pub fn name_taken(name: &str) -> String {
    format!(
        "花名册里已经有一位{name}同志。如果是另一位同名的党员，请连手机号一起写，\
         例如：/member add {name} 13900001111；如果是同一位，请用 /member {name} 电话 新号码。"
    )
}

pub const COMMITTEE_USAGE: &str = "请写上支委会成员的姓名，用空格隔开，例如：/committee 王建国 李秀英 张德明\n\
     有同名的，在姓名后加手机尾号，例如：王建国 8013";

pub fn committee_now(members: &[(String, String)]) -> String {
    if members.is_empty() {
        return format!("现在还没有登记支委会成员。\n{COMMITTEE_USAGE}");
    }
    format!("现在的支委会成员：{}。\n{COMMITTEE_USAGE}", listed(members))
}

pub fn committee_set(members: &[(String, String)]) -> String {
    format!(
        "支委会成员已设为：{}，共{}人。支委会会议的应到人数按这{}人计算。\n\
         管理权限不随之改变：需要时请用 /grant 姓名 授权，/revoke 姓名 收回。",
        listed(members),
        members.len(),
        members.len()
    )
}

fn listed(members: &[(String, String)]) -> String {
    members.iter().map(|(name, post)| format!("{name}（{post}）")).collect::<Vec<_>>().join("、")
}

pub fn committee_unresolved(problems: &[String]) -> String {
    format!("支委会成员没有改动：\n{}", problems.join("\n"))
}

pub const ONLY_SECRETARY_SETS_COMMITTEE: &str = "支委会成员由支部书记设定。";

/// The head of `/member 姓名`: 李秀英（正式党员，第二党小组）电话 138…，联系人 李桂兰.
pub fn page_head(
    name: &str,
    membership: &str,
    group: Option<&str>,
    phone: Option<&str>,
    contact: Option<&str>,
) -> String {
    let group = group.map(|g| format!("，{g}")).unwrap_or_default();
    let phone = phone.map(|p| format!("\n电话：{p}")).unwrap_or_default();
    let contact = contact.map(|c| format!("\n联系人：{c}")).unwrap_or_default();
    format!("【{name}】{membership}党员{group}{phone}{contact}")
}

pub const PAGE_TAIL: &str =
    "要修改，请发送 /member 姓名 电话/党小组/联系人 新内容；登记走访请发送 /visit 姓名。";
