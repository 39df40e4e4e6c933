//! What the bot says when it routes a member's plain words: asking back which thing they meant,
//! and confirming an answer to its own question.

/// Longest piece of a briefing or material shown on a button.
const LABEL_CHARS: usize = 12;

pub fn ask_which_one(said: &str) -> String {
    format!("您说的“{}”是指下面哪一件？请点一下按钮。", said.trim())
}

pub fn choice_attend(kind: &str, date: &str) -> String {
    format!("参加 {date}{kind}")
}

pub fn choice_leave(kind: &str, date: &str) -> String {
    format!("请假 {date}{kind}")
}

pub fn choice_briefing(body: &str) -> String {
    format!("收到通报：{}", first_line(body))
}

pub fn choice_study(material: &str) -> String {
    format!("已学习：{}", first_line(material))
}

/// A leave confirmed where others read it (the member's private chat is unreachable): never the
/// reason, which may be health information.
pub fn recorded_leave_in_group(member: &str, proxy: Option<&str>) -> String {
    format!("已记录：{}请假，谢谢告知。", super::meeting::who(member, proxy))
}

/// The first line, shortened to fit a button.
fn first_line(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    let mut short: String = line.chars().take(LABEL_CHARS).collect();
    if line.chars().count() > LABEL_CHARS {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_briefing_is_shortened_on_its_button() {
        assert_eq!(
            super::choice_briefing("本周六上午组织参观红色教育基地，自愿参加。"),
            "收到通报：本周六上午组织参观红色教…"
        );
        assert_eq!(super::choice_study("\n第三章\n"), "已学习：第三章");
    }
}
