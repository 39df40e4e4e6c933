//! Closing a meeting: refused before it starts, and asked before it is done — what the record
//! becomes, who gets the 补学 material, and who said 参加 but never checked in.

use crate::domain::meeting::ClosePreview;

pub const BUTTON_CLOSE: &str = "结束会议";
pub const BUTTON_KEEP_OPEN: &str = "暂不结束";
pub const KEPT_OPEN: &str = "好的，会议没有结束。需要结束时再发送 /close_meeting。";
pub const TAP_ASKED: &str = "请看私信，确认后才会结束。";

/// Characters the list of names in the question may take (the rest of it is short).
const NAMES_BUDGET: usize = 3000;

pub fn too_early(kind: &str, when: &str, id: i64) -> String {
    format!(
        "{kind}定于{when}召开，还没有开始，现在不能结束。会议开始以后才能结束；\
         如果会议不开了，请发送 /cancel_meeting {id}。"
    )
}

/// How the question begins (so an answered one is known again).
pub const QUESTION_START: &str = "确认结束";

/// The question once answered: its words and what was chosen.
pub fn answered(question: &str, kept_open: bool) -> String {
    let chosen = if kept_open { "（已选择：暂不结束）" } else { "（已确认结束）" };
    format!("{question}\n\n{chosen}")
}

/// "确认结束…吗？" with what will happen.
pub fn confirm(kind: &str, id: i64, p: &ClosePreview) -> String {
    let to = if p.secretaries.is_empty() {
        "支部书记".to_owned()
    } else {
        format!("支部书记{}", p.secretaries.join("、"))
    };
    let mut text = format!(
        "{QUESTION_START}{kind}（{when}）吗？结束后：\n\
         · 会议记录（文字、表格和打印版）私下发给{to}；\n\
         · 补学材料私下发给没有到会的{makeup}位同志（请假的和缺席的）；\n\
         · 群里的通知撤下按钮，不能再签到或回复。\n\
         结束后{grace}天内如发现差错，可以发送 /correct {id} 更正，或 /correct {id} 重新开启。",
        when = p.when,
        makeup = p.makeup,
        grace = p.grace_days,
    );
    if !p.unchecked.is_empty() {
        let n = p.unchecked.len();
        let (names, _) = crate::texts::roll::names(&p.unchecked, NAMES_BUDGET);
        text.push_str(&format!(
            "\n\n有{n}位同志说了参加，但没有签到，结束时会记为缺席{names}。\n\
             如果他们都到会了，请点【{}】；只有部分到会的，请先用 /present 姓名 登记，再结束。",
            close_with_attendees(n)
        ));
    }
    text
}

/// The one tap that confirms those who said 参加 present and closes.
pub fn close_with_attendees(n: usize) -> String {
    format!("这{n}位都到会了，结束会议")
}

/// 【结束会议】 when some said 参加 but never checked in: they become 缺席.
pub fn close_without(n: usize) -> String {
    format!("结束会议（这{n}位记缺席）")
}

pub fn attendees_confirmed(n: usize) -> String {
    format!("已登记{n}位同志到会（现场）。")
}
