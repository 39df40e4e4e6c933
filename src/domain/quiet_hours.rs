//! When a message may go out: quiet hours (default 20:00–08:00 and the midday rest 12:00–14:30)
//! and holidays, both configurable per branch.
//!
//! A quiet window is half-open, `[start, end)`: with 20:00–08:00, 19:59 and 08:00 are allowed,
//! 20:00 and 07:59 are not. A window whose start is later than its end wraps past midnight; one
//! whose start equals its end is empty. All times are wall-clock times in the branch time zone.

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike};
use chrono_tz::Tz;

/// Why a quiet-hours or holiday list could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendingWindowError {
    #[error("bad quiet window `{0}`: expected HH:MM-HH:MM")]
    BadWindow(String),
    #[error("quiet window `{0}` starts and ends at the same time")]
    EmptyWindow(String),
    #[error("quiet windows `{0}` leave no time of day to send")]
    WholeDay(String),
    #[error("bad holiday date `{0}`: expected YYYY-MM-DD")]
    BadDate(String),
}

/// Daily quiet windows during which non-urgent messages wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuietHours {
    windows: Vec<(NaiveTime, NaiveTime)>,
}

impl Default for QuietHours {
    fn default() -> Self {
        Self::default_for_retirees()
    }
}

impl QuietHours {
    /// Nothing between 20:00 and 08:00, nor during the midday rest 12:00–14:30.
    pub fn default_for_retirees() -> Self {
        let hm = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("valid constant time");
        Self::new(vec![(hm(20, 0), hm(8, 0)), (hm(12, 0), hm(14, 30))])
    }

    /// Windows as given; they may overlap and may wrap past midnight. If together they cover
    /// the whole day they are ignored by [`SendingWindow::next_allowed`] (use [`Self::parse`],
    /// which refuses such lists, for input from people).
    pub fn new(windows: Vec<(NaiveTime, NaiveTime)>) -> Self {
        QuietHours { windows }
    }

    /// No quiet hours at all.
    pub fn none() -> Self {
        Self::new(Vec::new())
    }

    /// Reads `"20:00-08:00,12:00-14:30"`. Also accepted: full-width digits and punctuation,
    /// `~ 至 到 —` between the times, `、 ; ，` or new lines between windows, `HH:MM:SS`, and
    /// `24:00` as an end meaning midnight. An empty text or `无` means no quiet hours.
    pub fn parse(spec: &str) -> Result<Self, SendingWindowError> {
        let text = half_width(spec);
        let mut windows = Vec::new();
        for part in text.split([',', ';', '、', '\n']) {
            let part: String = part.chars().filter(|c| !c.is_whitespace()).collect();
            if part.is_empty() || part == "无" {
                continue;
            }
            let bad = || SendingWindowError::BadWindow(part.clone());
            let (start, end) = part.split_once(['-', '~', '至', '到']).ok_or_else(bad)?;
            let start = parse_time(start).filter(|_| start != "24:00").ok_or_else(bad)?;
            let end = parse_time(end).ok_or_else(bad)?;
            if start == end {
                return Err(SendingWindowError::EmptyWindow(part));
            }
            windows.push((start, end));
        }
        let quiet = Self::new(windows);
        if quiet.covers_whole_day() {
            return Err(SendingWindowError::WholeDay(spec.trim().to_owned()));
        }
        Ok(quiet)
    }

    /// The canonical text form, `"20:00-08:00,12:00-14:30"`; [`Self::parse`] reads it back.
    pub fn to_spec(&self) -> String {
        let show = |t: NaiveTime| {
            if t.second() == 0 { t.format("%H:%M").to_string() } else { t.format("%H:%M:%S").to_string() }
        };
        self.windows
            .iter()
            .map(|&(start, end)| format!("{}-{}", show(start), show(end)))
            .collect::<Vec<_>>()
            .join(",")
    }

    pub fn windows(&self) -> &[(NaiveTime, NaiveTime)] {
        &self.windows
    }

    /// Whether `t` falls inside any quiet window.
    pub fn contains(&self, t: NaiveTime) -> bool {
        self.window_end(t).is_some()
    }

    /// The end of one window holding `t`, and whether that end falls on the next day.
    fn window_end(&self, t: NaiveTime) -> Option<(NaiveTime, bool)> {
        self.windows.iter().find_map(|&(start, end)| match start.cmp(&end) {
            std::cmp::Ordering::Less => (start <= t && t < end).then_some((end, false)),
            std::cmp::Ordering::Greater if t >= start => Some((end, true)),
            std::cmp::Ordering::Greater if t < end => Some((end, false)),
            _ => None,
        })
    }

    /// True when no instant of the day is free. A free stretch, if any, begins at midnight or
    /// at the end of some window, so checking those instants suffices.
    fn covers_whole_day(&self) -> bool {
        !self.windows.is_empty()
            && std::iter::once(NaiveTime::MIN)
                .chain(self.windows.iter().map(|&(_, end)| end))
                .all(|t| self.contains(t))
    }
}

/// Days on which nothing non-urgent is sent (national holidays, local days of rest).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holidays {
    dates: BTreeSet<NaiveDate>,
}

impl Holidays {
    pub fn new(dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        Holidays { dates: dates.into_iter().collect() }
    }

    /// Reads dates separated by commas, `、`, spaces or new lines: `"2026-10-01,2026-10-02"`.
    /// Also accepted: `/` or `.` inside dates, full-width digits, ranges written
    /// `2026-10-01~2026-10-07` (or with `至`, `到`, `..`), and `#` comments to the end of a line.
    pub fn parse(spec: &str) -> Result<Self, SendingWindowError> {
        let text = half_width(spec);
        let mut dates = BTreeSet::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default();
            for item in line.split([',', ';', '、', ' ', '\t']).filter(|s| !s.is_empty()) {
                let bad = || SendingWindowError::BadDate(item.to_owned());
                let (first, last) = match item.split_once("..") {
                    Some(range) => range,
                    None => item.split_once(['~', '至', '到']).unwrap_or((item, item)),
                };
                let first = parse_date(first).ok_or_else(bad)?;
                let last = parse_date(last).ok_or_else(bad)?;
                if last < first || (last - first).num_days() > 366 {
                    return Err(bad());
                }
                dates.extend(first.iter_days().take_while(|d| *d <= last));
            }
        }
        Ok(Holidays { dates })
    }

    /// One date per line, `YYYY-MM-DD`; [`Self::parse`] reads it back.
    pub fn to_spec(&self) -> String {
        self.dates.iter().map(|d| d.format("%Y-%m-%d").to_string()).collect::<Vec<_>>().join("\n")
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.dates.contains(&date)
    }

    pub fn iter(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.dates.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.dates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }
}

/// Quiet hours and holidays together: the rule for when a non-urgent message goes out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendingWindow {
    pub quiet: QuietHours,
    pub holidays: Holidays,
}

impl SendingWindow {
    /// The earliest instant at or after `at` when a non-urgent message may go out: outside
    /// quiet windows and not on a holiday. On a holiday the message waits for the next
    /// non-holiday day, at the first instant after midnight outside quiet hours (08:00 by
    /// default). Urgent messages go at `at` unchanged, as does anything already allowed.
    ///
    /// Dates and times are wall-clock in `at`'s time zone. Should a deferred wall-clock time
    /// not exist (a daylight-saving gap) the first existing minute after it is used; an
    /// ambiguous one resolves to its earlier instant.
    pub fn next_allowed(&self, at: DateTime<Tz>, urgent: bool) -> DateTime<Tz> {
        if urgent {
            return at;
        }
        let honour_quiet = !self.quiet.covers_whole_day();
        let start = at.naive_local();
        let mut local = start;
        // Each step moves to the next day or to a window end; with at most `len` holidays in
        // a row and the day not fully covered, this bound is never reached.
        let bound = (self.holidays.len() + 3) * (self.quiet.windows.len() + 2);
        for _ in 0..bound {
            if self.holidays.contains(local.date()) {
                local = next_midnight(local);
            } else if let Some((end, next_day)) =
                honour_quiet.then(|| self.quiet.window_end(local.time())).flatten()
            {
                let date = if next_day { next_midnight(local).date() } else { local.date() };
                local = date.and_time(end);
            } else {
                break;
            }
        }
        if local == start {
            return at;
        }
        resolve(&at.timezone(), local)
    }
}

fn next_midnight(local: NaiveDateTime) -> NaiveDateTime {
    (local.date() + Days::new(1)).and_time(NaiveTime::MIN)
}

/// The instant for a wall-clock time, stepping past a daylight-saving gap minute by minute.
fn resolve(tz: &Tz, mut local: NaiveDateTime) -> DateTime<Tz> {
    for _ in 0..24 * 60 {
        if let Some(instant) = tz.from_local_datetime(&local).earliest() {
            return instant;
        }
        local += chrono::Duration::minutes(1);
    }
    // No zone has a gap longer than a day; fall back to reading the time as UTC.
    tz.from_utc_datetime(&local)
}

fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '—' | '–' | '〜' => '~',
            _ => c,
        })
        .collect()
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    if text == "24:00" {
        return Some(NaiveTime::MIN);
    }
    NaiveTime::parse_from_str(text, "%H:%M:%S").or_else(|_| NaiveTime::parse_from_str(text, "%H:%M")).ok()
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
}
