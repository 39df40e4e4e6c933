//! Table-driven tests: dates and times as secretaries write them.

use super::*;
use chrono::Timelike;
use chrono_tz::Asia::Shanghai;

/// A moment in Shanghai, written "2026-11-21 10:00".
fn at(text: &str) -> DateTime<Tz> {
    let naive = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect(text);
    Shanghai.from_local_datetime(&naive).single().expect(text)
}

/// Saturday 21 November 2026, 10:00.
fn saturday() -> DateTime<Tz> {
    at("2026-11-21 10:00")
}

fn show(result: Result<DateTime<Tz>, WhenError>) -> Result<String, WhenError> {
    result.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
}

/// Check a whole table against one `now` and report every mismatch at once.
fn check(now: DateTime<Tz>, cases: &[(&str, Result<&str, WhenError>)]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, expected)| {
            let got = show(parse_when(text, now));
            let expected = expected.map(str::to_owned);
            (got != expected).then(|| format!("{text:?}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "now {now}:\n{}", wrong.join("\n"));
}

#[test]
fn the_ways_a_secretary_writes_one_morning_all_mean_it() {
    let nine = Ok("2026-12-05 09:00");
    check(
        saturday(),
        &[
            ("12月5日上午9点", nine),
            ("12月5号上午9点", nine),
            ("12月5日9:00", nine),
            ("12月5日 9点", nine),
            ("12月5日 9:00", nine),
            ("12月5日上午9时", nine),
            ("12月5日早上8点", Ok("2026-12-05 08:00")),
            ("12月5日早晨八点", Ok("2026-12-05 08:00")),
            ("2026-12-05 09:00", nine),
            ("2026/12/5 9:00", nine),
            ("2026.12.5 9:00", nine),
            ("2026年12月5日上午9时", nine),
            ("2026年12月5日 上午9点", nine),
            ("二〇二六年十二月五日上午九点", nine),
            ("12.5 9:00", nine),
            ("12/5 9:00", nine),
            ("12-05 09:00", nine),
            ("12月5日 下午 2点半", Ok("2026-12-05 14:30")),
            ("12月5日下午2:30", Ok("2026-12-05 14:30")),
            ("十二月五日上午九点", nine),
            ("１２月５日　９：００", nine),
            ("１２月５日上午９点", nine),
            ("12月5日上午9点。", nine),
            ("  12月5日上午9点  ", nine),
            ("12月5日（星期六）上午9点", nine),
            ("12月5日(周六)9:00", nine),
            ("2026年12月5日星期六上午9点", nine),
            ("12月5日上午9点整", nine),
            ("12月5日上午九点钟", nine),
            ("2026-12-05 09:00:00", nine),
        ],
    );
}

#[test]
fn parts_of_the_day_and_minutes_are_understood() {
    check(
        saturday(),
        &[
            ("12月5日下午2点半", Ok("2026-12-05 14:30")),
            ("12月5日下午两点半", Ok("2026-12-05 14:30")),
            ("12月5日下午两点", Ok("2026-12-05 14:00")),
            ("12月5日晚上七点", Ok("2026-12-05 19:00")),
            ("12月5日傍晚6点", Ok("2026-12-05 18:00")),
            ("12月5日中午12点", Ok("2026-12-05 12:00")),
            ("12月5日中午1点", Ok("2026-12-05 13:00")),
            ("12月5日上午12点", Ok("2026-12-05 12:00")),
            ("12月5日上午9点一刻", Ok("2026-12-05 09:15")),
            ("12月5日上午九点三刻", Ok("2026-12-05 09:45")),
            ("12月5日上午9点15分", Ok("2026-12-05 09:15")),
            ("12月5日上午9点5分", Ok("2026-12-05 09:05")),
            ("12月5日上午9点30", Ok("2026-12-05 09:30")),
            ("12月5日上午九点十五", Ok("2026-12-05 09:15")),
            ("12月5日上午九点零五分", Ok("2026-12-05 09:05")),
            ("12月5日十一点", Ok("2026-12-05 11:00")),
            ("12月5日二十三点", Ok("2026-12-05 23:00")),
            ("12月5日14:00", Ok("2026-12-05 14:00")),
            ("12月5日下午14:30", Ok("2026-12-05 14:30")),
            ("12月5日2点", Ok("2026-12-05 14:00")),
            ("12月5日2:30", Ok("2026-12-05 14:30")),
            ("12月5日02:00", Ok("2026-12-05 02:00")),
            ("12月5日7点", Ok("2026-12-05 07:00")),
            ("12月5日凌晨5点", Ok("2026-12-05 05:00")),
        ],
    );
}

#[test]
fn days_and_weekdays_count_from_a_saturday() {
    check(
        saturday(),
        &[
            ("明天下午两点半", Ok("2026-11-22 14:30")),
            ("后天上午九点", Ok("2026-11-23 09:00")),
            ("大后天上午9点", Ok("2026-11-24 09:00")),
            ("今天下午3点", Ok("2026-11-21 15:00")),
            ("明早9点", Ok("2026-11-22 09:00")),
            ("今晚7点", Ok("2026-11-21 19:00")),
            ("下午3点", Ok("2026-11-21 15:00")),
            ("下周五 9:00", Ok("2026-11-27 09:00")),
            ("下周五上午9点", Ok("2026-11-27 09:00")),
            ("下星期五上午9点", Ok("2026-11-27 09:00")),
            ("下个礼拜五上午9点", Ok("2026-11-27 09:00")),
            ("周五上午9点", Ok("2026-11-27 09:00")),
            ("星期五上午9点", Ok("2026-11-27 09:00")),
            ("礼拜五上午9点", Ok("2026-11-27 09:00")),
            ("星期天上午9点", Ok("2026-11-22 09:00")),
            ("周日上午9点", Ok("2026-11-22 09:00")),
            ("下周日上午9点", Ok("2026-11-29 09:00")),
            ("下周一上午9点", Ok("2026-11-23 09:00")),
            ("下下周一上午9点", Ok("2026-11-30 09:00")),
            ("本周日上午9点", Ok("2026-11-22 09:00")),
            ("本周五上午9点", Err(WhenError::InPast)),
            ("周六下午3点", Ok("2026-11-21 15:00")),
            ("周六上午9点", Ok("2026-11-28 09:00")),
        ],
    );
}

#[test]
fn this_week_and_the_coming_weekday_agree_early_in_the_week() {
    let monday = at("2026-11-16 10:00");
    check(
        monday,
        &[
            ("本周五上午9点", Ok("2026-11-20 09:00")),
            ("这周五上午9点", Ok("2026-11-20 09:00")),
            ("这个星期五上午9点", Ok("2026-11-20 09:00")),
            ("周五上午9点", Ok("2026-11-20 09:00")),
            ("下周五上午9点", Ok("2026-11-27 09:00")),
        ],
    );
}

#[test]
fn friday_said_on_a_friday_is_today_only_while_the_time_is_ahead() {
    check(
        at("2026-11-20 08:00"),
        &[("周五上午9点", Ok("2026-11-20 09:00")), ("本周五上午9点", Ok("2026-11-20 09:00"))],
    );
    check(
        at("2026-11-20 10:00"),
        &[
            ("周五上午9点", Ok("2026-11-27 09:00")),
            ("本周五上午9点", Err(WhenError::InPast)),
            ("下周五上午9点", Ok("2026-11-27 09:00")),
        ],
    );
}

#[test]
fn a_date_without_a_year_is_the_next_one_on_or_after_today() {
    check(at("2026-12-01 10:00"), &[("12月5日上午9点", Ok("2026-12-05 09:00"))]);
    check(
        at("2026-12-20 10:00"),
        &[("12月5日上午9点", Ok("2027-12-05 09:00")), ("1月8日上午9点", Ok("2027-01-08 09:00"))],
    );
    check(at("2026-12-05 08:00"), &[("12月5日上午9点", Ok("2026-12-05 09:00"))]);
    check(at("2026-12-05 10:00"), &[("12月5日上午9点", Err(WhenError::InPast))]);
    check(saturday(), &[("2月29日上午9点", Ok("2028-02-29 09:00"))]);
}

#[test]
fn what_is_not_a_usable_meeting_time_says_why() {
    use WhenError::*;
    check(
        saturday(),
        &[
            ("", Err(Empty)),
            ("   ", Err(Empty)),
            ("随便", Err(Unrecognised)),
            ("老干部活动中心", Err(Unrecognised)),
            ("明天下午三点开会", Err(Unrecognised)),
            ("周末上午9点", Err(Unrecognised)),
            ("9", Err(Unrecognised)),
            ("12月5日", Err(NoTime)),
            ("明天", Err(NoTime)),
            ("下周五", Err(NoTime)),
            ("明天上午", Err(NoTime)),
            ("下午", Err(NoTime)),
            ("2026-12-05", Err(NoTime)),
            ("2月30日", Err(InvalidDate)),
            ("2月30日上午9点", Err(InvalidDate)),
            ("2026年2月30日上午9点", Err(InvalidDate)),
            ("2026-02-30 09:00", Err(InvalidDate)),
            ("13月1日上午9点", Err(InvalidDate)),
            ("12月32日上午9点", Err(InvalidDate)),
            ("12月5日25点", Err(InvalidDate)),
            ("12月5日9:75", Err(InvalidDate)),
            ("12月5日上午13点", Err(InvalidDate)),
            ("12月5日晚上12点", Err(InvalidDate)),
            ("12月5日（星期五）上午9点", Err(InvalidDate)),
            ("今天上午9点", Err(InPast)),
            ("今天上午10点", Err(InPast)),
            ("9点", Err(InPast)),
            ("2026-11-20 09:00", Err(InPast)),
            ("2026年11月21日上午8点", Err(InPast)),
        ],
    );
}

#[test]
fn a_command_tail_splits_into_the_time_and_the_rest() {
    let now = saturday();
    let split = |text: &str| {
        split_when_prefix(text, now).map(|(t, rest)| (t.format("%m-%d %H:%M").to_string(), rest))
    };
    let some = |t: &str, rest: &str| Some((t.to_owned(), rest.to_owned()));
    assert_eq!(split("12月5日下午2点半 老干部活动中心二楼"), some("12-05 14:30", "老干部活动中心二楼"));
    assert_eq!(split("明天下午3点，学习党章"), some("11-22 15:00", "学习党章"));
    assert_eq!(split("下周五 9:00 支部党员大会"), some("11-27 09:00", "支部党员大会"));
    assert_eq!(split("12月5日上午9点2楼会议室"), some("12-05 09:00", "2楼会议室"));
    assert_eq!(split("2026-12-05 09:00 党课"), some("12-05 09:00", "党课"));
    assert_eq!(split("12月5日上午9点"), some("12-05 09:00", ""));
    assert_eq!(split("老干部活动中心"), None);
    assert_eq!(split("12月5日 学习"), None);
    assert_eq!(split("今天上午9点 开会"), None);
    assert_eq!(split(""), None);
}

#[test]
fn dates_are_written_in_words_for_old_eyes() {
    let now = saturday();
    let cases = [
        ("2026-12-04 09:00", "12月4日（星期五）上午9点"),
        ("2026-12-04 14:30", "12月4日（星期五）下午2点半"),
        ("2026-12-04 09:15", "12月4日（星期五）上午9点15分"),
        ("2026-12-05 12:00", "12月5日（星期六）中午12点"),
        ("2026-12-06 19:00", "12月6日（星期日）晚上7点"),
        ("2027-01-08 09:00", "2027年1月8日（星期五）上午9点"),
    ];
    for (moment, words) in cases {
        assert_eq!(date_in_words(at(moment), now), words);
    }
}

#[test]
fn a_date_in_words_reads_back_as_the_same_moment() {
    let now = saturday();
    for moment in ["2026-12-04 09:00", "2026-12-04 14:30", "2026-12-04 09:15", "2026-11-21 19:00"] {
        let words = date_in_words(at(moment), now);
        assert_eq!(parse_when(&words, now), Ok(at(moment)), "{words}");
    }
}

#[test]
fn times_of_day_are_said_with_their_part_of_the_day() {
    let cases = [
        ((9, 0), "上午9点"),
        ((14, 30), "下午2点半"),
        ((12, 0), "中午12点"),
        ((12, 30), "中午12点半"),
        ((19, 0), "晚上7点"),
        ((9, 15), "上午9点15分"),
        ((13, 5), "下午1点5分"),
        ((5, 0), "凌晨5点"),
        ((18, 0), "晚上6点"),
    ];
    for ((h, m), words) in cases {
        assert_eq!(time_of_day_cn(h, m), words);
    }
}

#[test]
fn weekdays_are_named_from_monday_to_sunday() {
    let names: Vec<&str> =
        [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun]
            .into_iter()
            .map(weekday_cn)
            .collect();
    assert_eq!(names, ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]);
}

#[test]
fn the_result_is_in_the_zone_of_now() {
    let got = parse_when("12月5日上午9点", saturday()).expect("a time");
    assert_eq!(got.timezone(), Shanghai);
    assert_eq!((got.hour(), got.minute()), (9, 0));
}

#[test]
fn no_slice_of_awkward_text_makes_the_parser_panic() {
    let awkward = "二〇二六年12月5日（星期六）下午两点半：１５ 2026-12-05 09:00:00 下下周日 今晚 三刻 12.5/";
    let chars: Vec<char> = awkward.chars().collect();
    for start in 0..chars.len() {
        for end in start..=chars.len() {
            let text: String = chars[start..end].iter().collect();
            let _ = parse_when(&text, saturday());
            let _ = split_when_prefix(&text, saturday());
        }
    }
}

#[test]
fn a_day_that_came_is_read_in_words_and_a_day_ahead_is_refused() {
    use super::{PastDayError, parse_past_day};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let day = |y, m, d| Ok(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
    assert_eq!(parse_past_day("今天", today), day(2026, 11, 25));
    assert_eq!(parse_past_day("昨天", today), day(2026, 11, 24));
    assert_eq!(parse_past_day("前天", today), day(2026, 11, 23));
    assert_eq!(parse_past_day("11月20日", today), day(2026, 11, 20));
    assert_eq!(parse_past_day("2025年12月1日", today), day(2025, 12, 1));
    assert_eq!(parse_past_day("12月1日", today), Err(PastDayError::InFuture));
    assert_eq!(parse_past_day("明天", today), Err(PastDayError::InFuture));
    assert_eq!(parse_past_day("2月30日", today), Err(PastDayError::InvalidDate));
    assert_eq!(parse_past_day("李桂兰", today), Err(PastDayError::Unrecognised));
}
