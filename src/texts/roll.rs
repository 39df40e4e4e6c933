//! The live roll (接龙) under a meeting's announcement, within Telegram's 4,096 characters
//! however many answer: the counts are always exact, the names are cut to what fits (the rest
//! a tap away on 【完整名单】), and the full list itself, sent privately, in lines of names.

use crate::domain::meeting::Roll;

pub const BUTTON_FULL_LIST: &str = "完整名单";
pub const TAP_FULL_LIST_SENT: &str = "完整名单已私信发给您。";
pub const TAP_FULL_LIST_UNREACHABLE: &str =
    "私信发不到您那里。请先点我的头像，发送 /start，再点【完整名单】。";

/// Characters kept free for the header and the lines' own words, whatever the names.
const FRAME: usize = 200;
/// Names per line in the full list, so a long list splits between lines, never inside a name.
const NAMES_PER_LINE: usize = 10;

/// The roll's text within `limit` UTF-16 units (Telegram's measure), and whether names were
/// left out (then the roll offers 【完整名单】).
pub fn roll(kind: &str, when: &str, r: &Roll, limit: usize) -> (String, bool) {
    let budget = limit.saturating_sub(FRAME + units(kind) + units(when));
    let (attend_budget, leave_budget) = shares(joined_len(&r.attend), joined_len(&r.leave), budget);
    let (attend, cut_attend) = names(&r.attend, attend_budget);
    let (leave, cut_leave) = names(&r.leave, leave_budget);
    let elided = cut_attend || cut_leave;
    let mut text = format!(
        "【接龙】{when} {kind}\n参加 {}人{attend}\n请假 {}人{leave}\n未回复 {}人",
        r.attend.len(),
        r.leave.len(),
        r.unanswered
    );
    if elided {
        text.push_str("\n（名单较长，只列出部分姓名；点下面的【完整名单】可以私信查看全部）");
    }
    (text, elided)
}

/// The whole roll, every name, ten to a line: sent privately, split into messages by lines.
pub fn full_list(kind: &str, when: &str, r: &Roll) -> String {
    let lines = |v: &[String]| {
        v.chunks(NAMES_PER_LINE).map(|chunk| format!("\n{}", chunk.join("、"))).collect::<String>()
    };
    format!(
        "【完整名单】{when} {kind}\n参加 {}人：{}\n请假 {}人：{}\n未回复 {}人",
        r.attend.len(),
        lines(&r.attend),
        r.leave.len(),
        lines(&r.leave),
        r.unanswered
    )
}

/// Telegram's measure of a text's length.
pub fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

fn joined_len(names: &[String]) -> usize {
    names.iter().map(|n| units(n) + 1).sum()
}

/// Splits the budget between the two lists: each gets half, and what one does not need goes to
/// the other.
fn shares(attend: usize, leave: usize, budget: usize) -> (usize, usize) {
    let half = budget / 2;
    match (attend <= half, leave <= half) {
        (true, _) => (attend, budget - attend),
        (false, true) => (budget - leave, leave),
        (false, false) => (half, budget - half),
    }
}

/// "：王建国、李秀英" within `budget` units; when names are left out, "……等另N人" says how many.
pub fn names(all: &[String], budget: usize) -> (String, bool) {
    if all.is_empty() {
        return (String::new(), false);
    }
    if joined_len(all) <= budget {
        return (format!("：{}", all.join("、")), false);
    }
    // Room for "……等另NNN人" after the names shown.
    let budget = budget.saturating_sub(16);
    let mut shown = Vec::new();
    let mut used = 0;
    for name in all {
        used += units(name) + 1;
        if used > budget {
            break;
        }
        shown.push(name.as_str());
    }
    (format!("：{}……等另{}人", shown.join("、"), all.len() - shown.len()), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn many(n: usize, len: usize) -> Vec<String> {
        (0..n).map(|i| format!("{}{i:03}", "长".repeat(len))).collect()
    }

    #[test]
    fn a_short_roll_lists_every_name() {
        let r = Roll { attend: vec!["王建国".into(), "李秀英".into()], leave: vec![], unanswered: 3 };
        let (text, elided) = roll("支部党员大会", "12月5日上午9点", &r, 4096);
        assert_eq!(
            text,
            "【接龙】12月5日上午9点 支部党员大会\n参加 2人：王建国、李秀英\n请假 0人\n未回复 3人"
        );
        assert!(!elided);
    }

    #[test]
    fn four_hundred_long_names_fit_with_exact_counts() {
        let r = Roll { attend: many(300, 12), leave: many(100, 12), unanswered: 7 };
        let (text, elided) = roll("支部党员大会", "12月5日（星期六）上午9点", &r, 4096);
        assert!(elided);
        assert!(units(&text) <= 4096, "{}", units(&text));
        assert!(text.contains("参加 300人") && text.contains("请假 100人") && text.contains("未回复 7人"));
        assert!(text.contains("等另") && text.contains("完整名单"));
    }

    #[test]
    fn the_shorter_list_stays_whole_when_the_other_is_cut() {
        let r = Roll { attend: many(400, 12), leave: vec!["王建国".into()], unanswered: 0 };
        let (text, _) = roll("支部党员大会", "12月5日上午9点", &r, 4096);
        assert!(text.contains("请假 1人：王建国\n"), "{text}");
    }

    #[test]
    fn the_full_list_holds_every_name_in_lines_of_ten() {
        let r = Roll { attend: many(25, 2), leave: vec![], unanswered: 0 };
        let text = full_list("党课", "明天", &r);
        assert!(r.attend.iter().all(|n| text.contains(n.as_str())));
        assert_eq!(text.lines().count(), 1 + 1 + 3 + 1 + 1);
    }
}
