//! Sentences about meetings (三会一课): notices, the live roll, answers, check-in, records,
//! make-up study, reminders and the compliance view.

use chrono::{DateTime, Timelike};
use chrono_tz::Tz;

use crate::domain::when_phrase::{date_in_words, time_of_day_cn};

pub const BUTTON_ATTEND: &str = "参加";
pub const BUTTON_LEAVE: &str = "请假";
pub const BUTTON_CHECK_IN: &str = "签到（现场）";
pub const BUTTON_CHECK_IN_ONLINE: &str = "签到（线上）";
pub const BUTTON_CLOSE: &str = "结束会议";
pub const BUTTON_STUDIED: &str = "已学习";

pub const MEETING_USAGE: &str = "请这样写：/meeting 会议类型 时间 地点 议题\n\
    例如：/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神\n\
    会议类型可以写：党员大会、支委会、党小组会、党课、主题党日、组织生活会。";

pub fn unknown_kind(word: &str) -> String {
    format!("“{word}”不是会议类型。{MEETING_USAGE}")
}

pub const NO_TIME: &str = "没有看懂会议时间。请在会议类型后面写时间，例如：12月5日上午9点、下周五下午2点半。";
pub const TIME_IN_PAST: &str = "这个时间已经过去了。请写一个以后的时间，例如：12月5日上午9点。";
pub const TIME_INVALID: &str =
    "没有这个日期或时间（例如2月30日、25点）。请检查后再写，例如：12月5日上午9点。";
pub const TIME_WITHOUT_HOUR: &str = "请写上几点开会，例如：12月5日上午9点。";
pub const NO_PLACE: &str = "请在时间后面写上地点和议题，例如：12月5日上午9点 老干部活动中心 学习全会精神。";
pub const NO_TOPIC: &str = "请在地点后面写上议题，例如：老干部活动中心 学习全会精神。";
pub const WHICH_GROUP: &str =
    "党小组会请写明是哪个党小组，例如：/meeting 党小组会 第一党小组 12月5日上午9点 活动室 学习讨论。";
pub const NO_GROUP_BOUND: &str = "支部群还没有绑定，会议通知发不出去。请先在支部群里发送 /bind。";

/// `told` is one of the `TOLD_*` sentences or [`told_group_later`].
pub fn meeting_created(kind: &str, when: &str, id: i64, told: &str) -> String {
    format!("已创建{kind}（编号{id}），时间：{when}。{told}，回复情况会实时更新。")
}

pub const TOLD_GROUP: &str = "通知已发到支部群";
pub const TOLD_WITHDRAWN: &str = "支部群原来的通知还没发出，已经撤回";
pub const TOLD_NO_GROUP: &str = "支部群还没有绑定，没有发通知";

pub fn told_group_later(when: &str) -> String {
    format!("支部群的通知将在{when}发出（晚上和午休时间不打扰大家）")
}

pub fn announcement(kind: &str, group: Option<&str>, when: &str, place: &str, topic: &str) -> String {
    let who = group.map(|g| format!("（{g}）")).unwrap_or_default();
    format!(
        "【{kind}通知】{who}\n时间：{when}\n地点：{place}\n议题：{topic}\n\n\
         请点下面的【参加】或【请假】；也可以直接回复“参加”或“请假 原因”。"
    )
}

/// "王建国同志" or "赵红梅代张德明同志".
pub fn who(member: &str, proxy: Option<&str>) -> String {
    match proxy {
        Some(p) => format!("{p}代{member}同志"),
        None => format!("{member}同志"),
    }
}

pub fn recorded_attend(member: &str, proxy: Option<&str>, when: &str, place: &str) -> String {
    format!("已记录：{}参加。时间：{when}，地点：{place}。谢谢！", who(member, proxy))
}

pub fn recorded_leave(member: &str, proxy: Option<&str>, reason: Option<&str>) -> String {
    match reason {
        Some(r) => format!("已记录：{}请假（{r}），谢谢告知。", who(member, proxy)),
        None => format!(
            "已记录：{}请假，谢谢告知。如方便，可以回复请假原因，例如：请假 住院。",
            who(member, proxy)
        ),
    }
}

pub const TAP_RECORDED: &str = "已记录，谢谢！";
pub const TAP_ALREADY: &str = "已经记录过了，不用再点。";
pub const TAP_MEETING_GONE: &str = "这次会议已经结束或取消了，不用再回复。";
pub const TAP_UNKNOWN_USER: &str = "您好！您还没有绑定支部，暂时无法登记。请私聊我绑定手机号。";
pub const TAP_NOT_EXPECTED: &str = "这次会议不需要您参加，谢谢关心。";
pub const TAP_CHECK_IN_CLOSED: &str = "现在不是签到时间。会议开始前一小时到会议结束可以签到。";
pub const TAP_CHECKED_IN: &str = "签到成功，谢谢！";
pub const TAP_ONLY_ADMINS: &str = "只有支部书记和支委可以结束会议。";
pub const TAP_ONLY_ADMINS_PRESENT: &str = "只有支部书记和支委可以登记到会。";
pub const TAP_STUDIED: &str = "已记录补学，谢谢！";

pub fn ask_which(when: &str, kind: &str) -> String {
    format!("没太看明白，请问您{when}的{kind}是参加还是请假？请点下面的按钮。")
}

pub fn checked_in_by_secretary(name: &str, mode: &str) -> String {
    format!("已登记{name}同志到会（{mode}）。")
}

pub fn already_present(name: &str) -> String {
    format!("{name}同志已经登记过到会了。")
}

pub fn observer_added(name: &str) -> String {
    format!("已登记{name}为列席人员。")
}

pub const BUTTON_AS_OBSERVER: &str = "按列席记录";

/// A name in `/present` that matches nobody: nothing is recorded until the secretary taps.
pub fn not_in_roster(name: &str, nearest: &[String]) -> String {
    let guest = format!("如果{name}不是本支部党员（例如上级来的同志），请点【{BUTTON_AS_OBSERVER}】。");
    if nearest.is_empty() {
        return format!(
            "{name}不在花名册中，还没有登记。如果是本支部党员，请检查姓名后重新发送 /present 姓名；{guest}"
        );
    }
    format!(
        "{name}不在花名册中，还没有登记。您是不是要找：{}？点姓名就登记到会。\n{guest}",
        nearest.join("、")
    )
}

pub const PRESENT_USAGE: &str =
    "请写上到会同志的姓名，例如：/present 张德明；线上参加的写：/present 张德明 线上。";

pub fn check_in_notice(kind: &str, when: &str, place: &str) -> String {
    format!(
        "【签到】{kind}就要开始了。\n时间：{when}\n地点：{place}\n到场的同志请点【签到（现场）】，线上参加的请点【签到（线上）】。"
    )
}

pub const NO_OPEN_MEETING: &str = "现在没有未结束的会议。";

pub fn which_meeting(command: &str, lines: &[String]) -> String {
    format!("有几个未结束的会议，请在命令后写编号，例如：/{command} 12\n{}", lines.join("\n"))
}

pub fn meeting_line(id: i64, kind: &str, when: &str) -> String {
    format!("编号{id}：{when} {kind}")
}

pub fn no_such_meeting(id: i64) -> String {
    format!("没有找到编号{id}的未结束会议。")
}

pub fn cancelled_notice(kind: &str, when: &str) -> String {
    format!("【通知】原定{when}的{kind}取消了，请大家相互转告。")
}

pub fn cancelled_done(kind: &str, told: &str) -> String {
    format!("已取消{kind}，{told}。")
}

pub fn rescheduled_notice(kind: &str, old: &str, new: &str, place: &str) -> String {
    format!("【改期通知】{kind}由{old}改到{new}，地点：{place}。已经回复的不用再回复。")
}

pub fn rescheduled_done(kind: &str, new: &str, told: &str) -> String {
    format!("已把{kind}改到{new}，{told}。")
}

pub const RESCHEDULE_USAGE: &str = "请这样写：/reschedule 新时间，例如：/reschedule 12月6日上午9点";

pub fn announcement_closed(text: &str) -> String {
    format!("{text}\n\n（会议已结束）")
}

pub fn announcement_cancelled(text: &str) -> String {
    format!("{text}\n\n（会议已取消）")
}

pub fn closed_done(kind: &str) -> String {
    format!("{kind}已结束。会议记录如下，表格和可打印的记录文件随后发给您。")
}

pub fn makeup_material(member: &str, kind: &str, when: &str, topic: &str) -> String {
    format!(
        "【补学】{member}同志，{when}的{kind}您没能参加。\n议题：{topic}\n\
         请抽空学习会议内容，学完后点下面的【已学习】。"
    )
}

pub fn makeup_recorded(member: &str, date: &str) -> String {
    format!("已记录：{member}同志已补学（{date}），谢谢！")
}

pub fn reminder(label: &str, kind: &str, when: &str, place: &str, topic: &str) -> String {
    format!("【提醒】{label}召开{kind}。\n时间：{when}\n地点：{place}\n议题：{topic}")
}

/// How far off a meeting starting at `start` is, said at `sent_at` (when the reminder actually
/// goes): "一小时后" up to three hours ahead on the hour or half hour, else "今天上午9点",
/// "明天", or the date in words.
pub fn starts_in(start: DateTime<Tz>, sent_at: DateTime<Tz>) -> String {
    let minutes = (start - sent_at).num_minutes();
    let halves = (minutes + 15) / 30;
    let near_half_hour = (minutes - halves * 30).abs() <= 5;
    let day = start.date_naive();
    if day == sent_at.date_naive() {
        let ahead = ["半小时后", "一小时后", "一个半小时后", "两小时后", "两个半小时后", "三小时后"];
        match usize::try_from(halves - 1).ok().and_then(|i| ahead.get(i)) {
            Some(words) if near_half_hour => (*words).to_owned(),
            _ => format!("今天{}", time_of_day_cn(start.hour(), start.minute())),
        }
    } else if sent_at.date_naive().succ_opt() == Some(day) {
        "明天".to_owned()
    } else {
        date_in_words(start, sent_at)
    }
}

pub fn nudge(member: &str, kind: &str, when: &str, place: &str) -> String {
    format!(
        "{member}同志您好！{when}在{place}召开{kind}，您还没有回复。\n\
         能参加请点【参加】，不能参加请点【请假】。"
    )
}

pub const ASK_KIND: &str = "好的，我们一步一步来。请选择会议类型：";
pub const ASK_GROUP: &str = "请选择是哪个党小组：";
pub const ASK_TIME: &str = "请写会议时间，例如：12月5日上午9点。（写“取消”可以退出）";
pub const ASK_PLACE: &str = "请写会议地点，例如：老干部活动中心二楼。";
pub const ASK_TOPIC: &str = "请写会议议题，例如：学习全会精神。";
pub const DIALOGUE_CANCELLED: &str = "已取消，没有创建会议。";
pub const DIALOGUE_GONE: &str = "这一步已经过期了，请重新发送 /meeting。";

pub fn record_sent_to_secretary(kind: &str) -> String {
    format!("{kind}已结束。会议记录里有请假原因等个人信息，已私下发给支部书记。")
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    use super::starts_in;

    #[test]
    fn a_reminder_says_how_far_off_the_meeting_is_from_when_it_goes() {
        let at = |d, h, m| Shanghai.with_ymd_and_hms(2026, 12, d, h, m, 0).unwrap();
        let meeting = at(5, 9, 0);
        for (sent, words) in [
            (at(5, 7, 0), "两小时后"),
            (at(5, 8, 0), "一小时后"),
            (at(5, 8, 30), "半小时后"),
            (at(5, 7, 30), "一个半小时后"),
            (at(5, 8, 2), "一小时后"),
            (at(5, 8, 15), "今天上午9点"),
            (at(5, 2, 0), "今天上午9点"),
            (at(4, 9, 0), "明天"),
            (at(4, 20, 0), "明天"),
            (at(3, 9, 0), "12月5日（星期六）上午9点"),
        ] {
            assert_eq!(starts_in(meeting, sent), words, "sent at {sent}");
        }
    }
}
