//! Reading a date-and-time phrase into its written parts, before any calendar arithmetic.

use chrono::Weekday;

use super::numerals::{chinese_value, cn_digit, to_half_width};

/// The date as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateSpec {
    /// 2026-12-05, 2026年12月5日.
    Full { year: i32, month: u32, day: u32 },
    /// 12月5日, 12.5, 12/5: the next such date on or after today.
    MonthDay { month: u32, day: u32 },
    /// 今天 (0), 明天 (1), 后天 (2), 大后天 (3); 昨天 (-1), 前天 (-2), 大前天 (-3).
    DaysFromToday(i64),
    /// 周五 (the coming one), 本周五 / 这周五 (this Monday-based week), 下周五, 下下周五.
    Weekday { week: WeekRef, day: Weekday },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WeekRef {
    Coming,
    This,
    Next(u32),
}

/// Part of the day as written: 上午, 中午, 下午, 晚上, 凌晨.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Period {
    Dawn,
    Morning,
    Noon,
    Afternoon,
    Evening,
}

/// The clock time as written, before 下午 adds its twelve hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TimeSpec {
    pub period: Option<Period>,
    pub hour: u32,
    pub minute: u32,
    /// Written with a leading zero (09:00, 02:00): taken literally, never moved to the afternoon.
    pub zero_padded: bool,
}

/// A whole phrase as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Phrase {
    pub date: Option<DateSpec>,
    /// A weekday written next to a date (12月4日（星期五）): must agree with it.
    pub stated_weekday: Option<Weekday>,
    /// A part of the day without an hour (明天上午), or implied by 今晚 / 明早.
    pub period: Option<Period>,
    pub time: Option<TimeSpec>,
}

/// Read a phrase; `None` when it is not (entirely) a date and/or time.
pub(super) fn scan(text: &str) -> Option<Phrase> {
    let chars: Vec<char> = text.chars().map(to_half_width).collect();
    let mut c = Cursor { chars, pos: 0 };
    let mut phrase = Phrase::default();
    c.spaces();
    phrase.date = c.date(&mut phrase.period);
    c.spaces();
    phrase.stated_weekday = c.weekday_note();
    c.spaces();
    let period = c.period();
    c.spaces();
    phrase.time = c.time(period.or(phrase.period));
    if phrase.time.is_none() && period.is_some() {
        phrase.period = period;
    }
    while c.peek().is_some_and(|ch| ch.is_whitespace() || "，,。.！!、;；:".contains(ch)) {
        c.pos += 1;
    }
    let something = phrase.date.is_some() || phrase.time.is_some() || phrase.period.is_some();
    (c.at_end() && something).then_some(phrase)
}

const PERIODS: &[(&str, Period)] = &[
    ("凌晨", Period::Dawn),
    ("上午", Period::Morning),
    ("早上", Period::Morning),
    ("早晨", Period::Morning),
    ("清晨", Period::Morning),
    ("中午", Period::Noon),
    ("下午", Period::Afternoon),
    ("傍晚", Period::Afternoon),
    ("晚上", Period::Evening),
    ("夜里", Period::Evening),
    ("早", Period::Morning),
    ("晚", Period::Evening),
];

const RELATIVE_DAYS: &[(&str, i64, Option<Period>)] = &[
    ("大前天", -3, None),
    ("前天", -2, None),
    ("昨天", -1, None),
    ("昨日", -1, None),
    ("昨儿", -1, None),
    ("大后天", 3, None),
    ("后天", 2, None),
    ("明天", 1, None),
    ("明日", 1, None),
    ("明儿", 1, None),
    ("明早", 1, Some(Period::Morning)),
    ("明晚", 1, Some(Period::Evening)),
    ("今天", 0, None),
    ("今日", 0, None),
    ("今儿", 0, None),
    ("今早", 0, Some(Period::Morning)),
    ("今晚", 0, Some(Period::Evening)),
];

/// Week words, longest first; a weekday follows (下周五, 星期天, 礼拜三).
const WEEK_WORDS: &[(&str, WeekRef)] = &[
    ("下下个星期", WeekRef::Next(2)),
    ("下下个礼拜", WeekRef::Next(2)),
    ("下下星期", WeekRef::Next(2)),
    ("下下礼拜", WeekRef::Next(2)),
    ("下下周", WeekRef::Next(2)),
    ("下个星期", WeekRef::Next(1)),
    ("下个礼拜", WeekRef::Next(1)),
    ("下星期", WeekRef::Next(1)),
    ("下礼拜", WeekRef::Next(1)),
    ("下周", WeekRef::Next(1)),
    ("这个星期", WeekRef::This),
    ("这个礼拜", WeekRef::This),
    ("这星期", WeekRef::This),
    ("这礼拜", WeekRef::This),
    ("本星期", WeekRef::This),
    ("本礼拜", WeekRef::This),
    ("本周", WeekRef::This),
    ("这周", WeekRef::This),
    ("星期", WeekRef::Coming),
    ("礼拜", WeekRef::Coming),
    ("周", WeekRef::Coming),
];

struct Cursor {
    chars: Vec<char>,
    pos: usize,
}

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        if self.chars[self.pos..].starts_with(&w) {
            self.pos += w.len();
            true
        } else {
            false
        }
    }

    fn eat_any(&mut self, options: &str) -> Option<char> {
        let ch = self.peek().filter(|ch| options.contains(*ch))?;
        self.pos += 1;
        Some(ch)
    }

    /// Run `f`; on `None`, put the cursor back where it was.
    fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        let start = self.pos;
        let out = f(self);
        if out.is_none() {
            self.pos = start;
        }
        out
    }

    /// Arabic digits: (value, how many digits).
    fn digits(&mut self, max: usize) -> Option<(u32, usize)> {
        let start = self.pos;
        while self.pos - start < max && self.peek().is_some_and(|ch| ch.is_ascii_digit()) {
            self.pos += 1;
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse().ok().map(|v| (v, self.pos - start))
    }

    /// A Chinese numeral up to 99: 五, 两, 十, 十二, 二十三, 零五.
    fn chinese_number(&mut self) -> Option<(u32, usize)> {
        let start = self.pos;
        while self.peek().is_some_and(|ch| cn_digit(ch).is_some() || ch == '十') {
            self.pos += 1;
        }
        let written: Vec<char> = self.chars[start..self.pos].to_vec();
        let value = chinese_value(&written);
        if value.is_none() {
            self.pos = start;
        }
        value.map(|v| (v, written.len()))
    }

    /// A number up to two places, Arabic or Chinese: (value, characters written).
    fn number(&mut self) -> Option<(u32, usize)> {
        self.digits(2).or_else(|| self.chinese_number())
    }

    fn date(&mut self, implied_period: &mut Option<Period>) -> Option<DateSpec> {
        if let Some(date) = self.attempt(Self::dated) {
            return Some(date);
        }
        for (word, days, period) in RELATIVE_DAYS {
            if self.eat(word) {
                *implied_period = *period;
                return Some(DateSpec::DaysFromToday(*days));
            }
        }
        self.attempt(Self::week_day).map(|(week, day)| DateSpec::Weekday { week, day })
    }

    /// 2026-12-05, 2026/12/5, 2026.12.5, 2026年12月5日, 二〇二六年十二月五日, 12月5号, 12.5, 12/5.
    fn dated(&mut self) -> Option<DateSpec> {
        let year = self.attempt(|c| {
            let year = c.digits(4).filter(|(_, n)| *n == 4).map(|(v, _)| v as i32);
            year.or_else(|| c.chinese_year())
        });
        if let Some(year) = year {
            if self.eat("年") {
                self.spaces();
                let (month, day) = self.month_day_in_words()?;
                return Some(DateSpec::Full { year, month, day });
            }
            let sep = self.eat_any("-/.")?;
            let month = self.digits(2)?.0;
            self.eat(&sep.to_string()).then_some(())?;
            let day = self.digits(2)?.0;
            return Some(DateSpec::Full { year, month, day });
        }
        if let Some((month, day)) = self.attempt(Self::month_day_in_words) {
            return Some(DateSpec::MonthDay { month, day });
        }
        let month = self.digits(2)?.0;
        let sep = self.eat_any("./-")?;
        let day = self.digits(2)?.0;
        // 12.5 but not 12.5.1 or 12/5/2026.
        if self.peek().is_some_and(|ch| ch.is_ascii_digit() || ch == sep) {
            return None;
        }
        Some(DateSpec::MonthDay { month, day })
    }

    fn chinese_year(&mut self) -> Option<i32> {
        let digits: Option<Vec<u32>> = (0..4).map(|_| self.eat_cn_digit()).collect();
        let year = digits?.iter().fold(0, |acc, d| acc * 10 + d);
        (self.peek() == Some('年')).then_some(year as i32)
    }

    fn eat_cn_digit(&mut self) -> Option<u32> {
        let d = self.peek().and_then(cn_digit)?;
        self.pos += 1;
        Some(d)
    }

    /// 12月5日, 12月5号, 十二月五日, 12月5 (the 日 may be left off).
    fn month_day_in_words(&mut self) -> Option<(u32, u32)> {
        let month = self.number()?.0;
        self.eat("月").then_some(())?;
        let day = self.number()?.0;
        let _ = self.eat("日") || self.eat("号");
        Some((month, day))
    }

    fn week_day(&mut self) -> Option<(WeekRef, Weekday)> {
        let week = WEEK_WORDS.iter().find_map(|(word, week)| self.eat(word).then_some(*week))?;
        let day = match self.eat_any("一二三四五六日天1234567")? {
            '一' | '1' => Weekday::Mon,
            '二' | '2' => Weekday::Tue,
            '三' | '3' => Weekday::Wed,
            '四' | '4' => Weekday::Thu,
            '五' | '5' => Weekday::Fri,
            '六' | '6' => Weekday::Sat,
            _ => Weekday::Sun,
        };
        Some((week, day))
    }

    /// （星期五）, (周五), 星期五 — written after a date.
    fn weekday_note(&mut self) -> Option<Weekday> {
        self.attempt(|c| {
            let open = c.eat_any("([【").is_some();
            let (week, day) = c.week_day()?;
            (week == WeekRef::Coming).then_some(())?;
            if open {
                c.eat_any(")]】")?;
            }
            Some(day)
        })
    }

    fn period(&mut self) -> Option<Period> {
        PERIODS.iter().find_map(|(word, period)| self.eat(word).then_some(*period))
    }

    /// 9点, 9时, 9:00, 九点半, 两点一刻, 9点30分, 9点05, 十点整, 9点钟.
    fn time(&mut self, period: Option<Period>) -> Option<TimeSpec> {
        self.attempt(|c| {
            let hour_start = c.pos;
            let (hour, written) = c.number()?;
            let zero_padded = written == 2 && c.chars[hour_start] == '0';
            let minute = if c.eat(":") {
                let minute = c.digits(2).filter(|(_, n)| *n == 2)?.0;
                if c.eat(":") {
                    c.digits(2).filter(|(_, n)| *n == 2)?; // seconds, ignored
                }
                minute
            } else {
                c.eat_any("点时")?;
                c.minutes_after_hour()
            };
            Some(TimeSpec { period, hour, minute, zero_padded })
        })
    }

    /// What follows 点: 半, 一刻, 三刻, 整, 钟, 30分, 05; nothing is on the hour.
    fn minutes_after_hour(&mut self) -> u32 {
        if self.eat("半") {
            return 30;
        }
        if self.eat("一刻") {
            return 15;
        }
        if self.eat("三刻") {
            return 45;
        }
        if self.eat("钟") || self.eat("整") {
            let _ = self.eat("整");
            return 0;
        }
        self.attempt(|c| {
            let (minute, written) = c.number()?;
            // A bare minute needs two characters (9点30, 九点十五): 9点2楼 is 9点, then 2楼.
            (c.eat("分") || written == 2).then_some(minute)
        })
        .unwrap_or(0)
    }
}
