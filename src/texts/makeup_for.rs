//! Sentences of `/makeup` (补学 / 送学上门 recorded by the secretary for a member) and `/visit`
//! (走访慰问).

use super::dates::month_day_of_iso;

pub const USAGE: &str = "请这样写：/makeup 姓名 补学 日期，或 /makeup 姓名 送学上门 日期 走访人 意见：党员的意见建议。\n\
    例如：/makeup 李秀英 送学上门 11月20日 联系人李桂兰 意见：希望多讲养老政策\n\
    日期可以写 今天、昨天、11月20日。要指定会议时，在姓名前写会议编号：/makeup 12 李秀英 补学 昨天";

pub const NO_VISITOR: &str = "送学上门要写是谁送去的，例如：/makeup 李秀英 送学上门 昨天 联系人李桂兰";

pub fn bad_day(written: &str) -> String {
    format!("“{written}”不是日期。请写补学那天的日期，例如：今天、昨天、11月20日。")
}

pub fn future_day(written: &str) -> String {
    format!("“{written}”还没有到。请写已经发生的那一天，例如：今天、昨天、11月20日。")
}

pub fn choose_namesake(typed: &str) -> String {
    format!("花名册里有几位“{typed}”，请点要登记补学的那一位：")
}

pub fn choose_nearest(typed: &str) -> String {
    format!("花名册中没有“{typed}”。您要登记的是下面哪一位？请点一下：")
}

pub fn nobody(typed: &str) -> String {
    format!("花名册中没有找到“{typed}”，请检查姓名后重新发送 /makeup。")
}

pub fn choose_meeting(member: &str) -> String {
    format!("{member}同志有几次会议缺席或请假、还没有补学。请点一下这次补的是哪一次：")
}

/// A missed meeting's button: 11月5日 支部党员大会（请假）.
pub fn meeting_button(day: &str, kind: &str, leave: bool) -> String {
    format!("{day} {kind}（{}）", if leave { "请假" } else { "缺席" })
}

pub fn nothing_missed(member: &str) -> String {
    format!("{member}同志没有需要补学的会议：已结束的会议都参加了，或都已补学。")
}

pub fn no_such_meeting(id: i64) -> String {
    format!("没有编号为{id}的已结束会议。发送 /record 可以查看最近的会议和编号。")
}

pub fn not_missed(member: &str, id: i64) -> String {
    format!("{member}同志参加了{id}号会议（或不在应到名单中），不用补学。")
}

pub fn already(member: &str, day: &str) -> String {
    format!("{member}同志这次会议的补学已经登记过了（{}），记录不再改动。", month_day_of_iso(day))
}

/// 送学上门（11月20日，李桂兰） or 补学（11月20日）.
pub fn way(delivered: bool, day: &str, visitor: Option<&str>) -> String {
    match (delivered, visitor) {
        (true, Some(v)) => format!("送学上门（{}，{v}）", month_day_of_iso(day)),
        _ => format!("补学（{}）", month_day_of_iso(day)),
    }
}

fn views_part(views: Option<&str>) -> String {
    views.map(|v| format!("\n意见建议：{v}")).unwrap_or_default()
}

/// The summary waiting for 【确认】.
pub fn summary(member: &str, way: &str, meeting: &str, views: Option<&str>) -> String {
    format!("请核对：{member}同志 {way}，补的是{meeting}。{}\n无误请点【确认】。", views_part(views))
}

pub fn recorded(member: &str, way: &str, meeting: &str, views: Option<&str>) -> String {
    format!("已记录：{member}同志 {way}，{meeting}。{}", views_part(views))
}

/// 11月5日的支部党员大会（12号）.
pub fn meeting_words(day: &str, kind: &str, id: i64) -> String {
    format!("{day}的{kind}（{id}号）")
}

pub const CONFIRM: &str = "确认";
pub const CANCEL: &str = "取消";
pub const CANCELLED: &str = "已取消，没有登记。";
pub const EXPIRED: &str = "这次登记已经过期或已处理，请重新发送 /makeup。";
pub const TAP_RECORDED: &str = "已记录";

pub const VISIT_USAGE: &str = "请这样写：/visit 姓名 日期 走访人 情况：走访时了解的情况。\n\
    例如：/visit 王建国 昨天 张书记 情况：腿脚不便，精神尚好\n\
    不写日期就是今天，不写走访人就是您本人。";

pub fn visit_future_day(written: &str) -> String {
    format!("“{written}”还没有到。请写走访那天的日期，例如：今天、昨天、11月20日。")
}

pub fn visit_choose_namesake(typed: &str) -> String {
    format!("花名册里有几位“{typed}”，请点走访的那一位：")
}

pub fn visit_nobody(typed: &str) -> String {
    format!("花名册中没有找到“{typed}”，请检查姓名后重新发送 /visit 姓名。")
}

pub fn visit_recorded(member: &str, day: &str, visitor: &str, notes: Option<&str>) -> String {
    let notes = notes.map(|n| format!("\n情况：{n}")).unwrap_or_default();
    format!(
        "已记录：走访慰问{member}同志（{}，{visitor}）。{notes}\n这段时间的关怀提醒不再重复。要补充情况，请发送 /visit {member} 日期 走访人 情况：…",
        month_day_of_iso(day)
    )
}

/// A second 【已走访】 for a member on a day their visit is recorded: nothing new is recorded.
pub fn visit_already(member: &str, day: &str, visitor: &str) -> String {
    format!(
        "{}走访慰问{member}同志（{visitor}）已经记录过了，这次没有重复记录。要补充情况，请发送 /visit {member} 日期 走访人 情况：…",
        month_day_of_iso(day)
    )
}

/// The tap's notice for that second 【已走访】.
pub const TAP_ALREADY_RECORDED: &str = "已经记录过了";

pub const VISIT_GONE: &str = "这位党员已不在花名册中。";

/// The visits in the secretary's `/member 姓名`.
pub const VISITS_HEADING: &str = "走访慰问：";

/// One visit: 11月20日 李桂兰：腿脚不便.
pub fn visit_line(day: &str, visitor: &str, notes: Option<&str>) -> String {
    match notes {
        Some(n) => format!("{} {visitor}：{n}", month_day_of_iso(day)),
        None => format!("{} {visitor}", month_day_of_iso(day)),
    }
}
