//! The time of day in a phrase: 上午9点, 早上8点半, 下午3:30, 晚上七点一刻.

use super::cursor::Cursor;

impl Cursor {
    /// 上午9点 / 早上8点半 / 下午3:30 / 晚上7点 / 8点; `Some(None)` when no time is given,
    /// `None` when a time is present but not understood.
    pub(super) fn time_of_day(&mut self) -> Option<Option<(u32, u32, String)>> {
        if self.pos == self.chars.len() {
            return Some(None);
        }
        let said = self
            .eat_any(&[
                "早上", "早晨", "清晨", "上午", "中午", "下午", "午后", "傍晚", "晚上", "晚间", "夜里",
                "夜间", "凌晨", "早", "晚",
            ])
            .map(canonical_period);
        let spoken_hour = self.number()?;
        let minute = if self.eat(":") {
            self.number()?
        } else if self.eat_any(&["点", "时"]).is_some() {
            self.eat_any(&["钟", "整"]);
            if self.eat("半") {
                30
            } else if self.eat("一刻") {
                15
            } else if self.eat("三刻") {
                45
            } else {
                let minute = self.number().unwrap_or(0);
                self.eat("分");
                minute
            }
        } else {
            return None;
        };
        let hour = to_24_hour(said, spoken_hour)?;
        if minute > 59 {
            return None;
        }
        Some(Some((hour, minute, time_words(hour, minute, said))))
    }
}

fn canonical_period(word: &str) -> &'static str {
    match word {
        "早上" | "早晨" | "清晨" | "早" => "早上",
        "上午" => "上午",
        "中午" => "中午",
        "下午" | "午后" => "下午",
        "傍晚" => "傍晚",
        "凌晨" => "凌晨",
        _ => "晚上",
    }
}

/// The 24-hour clock hour for what was said; `None` when the words contradict each other
/// (早上20点, 晚上12点). Without a period word the hour is read on the 24-hour clock, except
/// that 1–5 mean the afternoon (两点 = 14:00); 凌晨 asks for the small hours.
fn to_24_hour(period: Option<&str>, hour: u32) -> Option<u32> {
    let afternoon = |h: u32, low: u32| match h {
        _ if (low..=11).contains(&h) => Some(h + 12),
        _ if (low + 12..=23).contains(&h) => Some(h),
        _ => None,
    };
    match period {
        // Nobody is reminded at 两点 in the night: a bare 1–5 means the afternoon.
        None if (1..=5).contains(&hour) => Some(hour + 12),
        None => (hour <= 23).then_some(hour),
        Some("凌晨") => match hour {
            0..=6 => Some(hour),
            12 => Some(0),
            _ => None,
        },
        Some("早上") => (4..=11).contains(&hour).then_some(hour),
        Some("上午") => (1..=12).contains(&hour).then_some(hour),
        Some("中午") => match hour {
            11..=14 => Some(hour),
            1..=2 => Some(hour + 12),
            _ => None,
        },
        Some("下午") => (hour == 12).then_some(12).or_else(|| afternoon(hour, 1)),
        Some("傍晚") => afternoon(hour, 4),
        _ => afternoon(hour, 5),
    }
}

/// "上午9点", "早上8点半", "下午3点15分"; without a spoken period one is chosen by the hour.
fn time_words(hour: u32, minute: u32, said: Option<&str>) -> String {
    let period = said.unwrap_or(match hour {
        0..=4 => "凌晨",
        5..=8 => "早上",
        9..=11 => "上午",
        12 => "中午",
        13..=17 => "下午",
        _ => "晚上",
    });
    let shown = if hour > 12 { hour - 12 } else { hour };
    let minutes = match minute {
        0 => String::new(),
        30 => "半".to_owned(),
        m => format!("{m:02}分"),
    };
    format!("{period}{shown}点{minutes}")
}
