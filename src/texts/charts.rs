//! Every word drawn on a chart picture (the bundled font holds only these glyphs: see `GLYPHS`
//! and `assets/fonts/README.md`), and the captions sent with the pictures.
//!
//! Member names, topics and places are never drawn: the font could not show them, and a picture
//! forwarded out of the private chat should carry no personal information.

use crate::domain::meeting::MeetingKind;

/// Every character a chart may draw; the font subset is made from exactly this list
/// (`scripts/subset-chart-font.sh`), and the tests check both stay in step.
pub const GLYPHS: &str = concat!(
    "0123456789/%:：（）() 年月日人次第季度",
    "三会一课完成情况出席各会议今还没有结束的学习已未补进行中按期到",
    "支部党员大会委员会议小组课主题日组织生活",
    "轮提醒统计截至份数应实",
);

pub const DONE: &str = "已完成";
pub const DUE: &str = "进行中";
pub const OVERDUE: &str = "未按期";
pub const UPCOMING: &str = "未到期";
pub const STUDIED: &str = "已学";
pub const LATE: &str = "补学";
pub const NOT_YET: &str = "未学";

/// 2026年三会一课完成情况
pub fn report_title(year: i32) -> String {
    format!("{year}年三会一课完成情况")
}

/// 截至11月24日
pub fn as_of(month: u32, day: u32) -> String {
    format!("截至{month}月{day}日")
}

/// A kind's row: its name (the bar shows the periods).
pub fn kind_label(kind: MeetingKind) -> &'static str {
    kind.name_cn()
}

/// 已完成3 进行中1 未按期1 (of the year's periods).
pub fn kind_figures(done: u32, due: u32, overdue: u32) -> String {
    format!("{DONE}{done} {DUE}{due} {OVERDUE}{overdue}")
}

pub const ATTENDANCE_TITLE: &str = "各次会议出席情况";
pub const NO_MEETINGS: &str = "今年还没有结束的会议";

/// 12月5日 支部党员大会
pub fn meeting_label(month: u32, day: u32, kind: MeetingKind) -> String {
    format!("{month}月{day}日 {}", kind.name_cn())
}

/// 18/24人
pub fn attendance_figure(present: usize, expected: usize) -> String {
    format!("{present}/{expected}人")
}

pub const STUDY_TITLE: &str = "学习情况";
pub const NO_ROUNDS: &str = "还没有学习提醒";

/// 11月18日
pub fn round_label(month: u32, day: u32) -> String {
    format!("{month}月{day}日")
}

/// 已学13人 补学2人 未学9人 (已学: on time; 补学: made up later).
pub fn round_figures(on_time: usize, late: usize, missing: usize) -> String {
    format!("{STUDIED}{on_time}人 {LATE}{late}人 {NOT_YET}{missing}人")
}

/// The caption under the /report picture.
pub const REPORT_CAPTION: &str = "三会一课完成情况图：绿色已完成，橙色进行中，红色未按期，灰色未到期。";
/// The caption under the /study_status picture.
pub const STUDY_CAPTION: &str = "学习情况图：绿色已学，蓝色补学，灰色未学。";

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn_samples() -> Vec<String> {
        let mut all = vec![
            report_title(2026),
            as_of(12, 31),
            kind_figures(12, 1, 10),
            ATTENDANCE_TITLE.to_owned(),
            NO_MEETINGS.to_owned(),
            meeting_label(12, 31, MeetingKind::General),
            attendance_figure(50, 50),
            STUDY_TITLE.to_owned(),
            NO_ROUNDS.to_owned(),
            round_label(12, 31),
            round_figures(40, 3, 9),
            DONE.to_owned(),
            DUE.to_owned(),
            OVERDUE.to_owned(),
            UPCOMING.to_owned(),
        ];
        all.extend(MeetingKind::ALL.iter().map(|k| kind_label(*k).to_owned()));
        all
    }

    #[test]
    fn every_character_a_chart_draws_is_in_the_glyph_list() {
        for text in drawn_samples() {
            for c in text.chars() {
                assert!(GLYPHS.contains(c), "{c:?} of {text:?} is not in GLYPHS");
            }
        }
    }
}
