//! Tests for schedule phrases: every phrase is checked on the dates it actually fires.

use super::*;
use chrono::{Datelike, TimeZone, Weekday};
use chrono_tz::Asia::{Shanghai, Urumqi};

/// Monday 1 June 2026, midnight in Beijing.
fn june_first() -> DateTime<Tz> {
    Shanghai.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap()
}

fn fires(phrase: &str, after: DateTime<Tz>, n: usize) -> Vec<String> {
    let recurrence = Recurrence::parse_phrase(phrase).unwrap_or_else(|e| panic!("{phrase}: {e}"));
    recurrence.upcoming(after, n).iter().map(|t| t.format("%Y-%m-%d %a %H:%M").to_string()).collect()
}

fn parsed(phrase: &str) -> Recurrence {
    Recurrence::parse_phrase(phrase).unwrap_or_else(|e| panic!("{phrase}: {e}"))
}

#[test]
fn every_wednesday_at_nine_fires_on_wednesdays_at_nine() {
    let r = parsed("每周三上午9点");
    assert_eq!(r.cron(), "0 0 9 * * Wed *");
    assert_eq!(r.summary(), "每周三上午9点");
    assert_eq!(
        fires("每周三上午9点", june_first(), 3),
        ["2026-06-03 Wed 09:00", "2026-06-10 Wed 09:00", "2026-06-17 Wed 09:00"]
    );
}

#[test]
fn upcoming_is_strictly_after_the_given_instant() {
    let nine = Shanghai.with_ymd_and_hms(2026, 6, 3, 9, 0, 0).unwrap();
    assert_eq!(fires("每周三上午9点", nine, 1), ["2026-06-10 Wed 09:00"]);
    let just_before = nine - chrono::Duration::milliseconds(1);
    assert_eq!(fires("每周三上午9点", just_before, 1), ["2026-06-03 Wed 09:00"]);
}

#[test]
fn a_list_of_weekdays_with_separators_fires_on_each_of_them() {
    let r = parsed("每周一、三、五上午9点");
    assert_eq!(r.cron(), "0 0 9 * * Mon,Wed,Fri *");
    assert_eq!(r.summary(), "每周一、三、五上午9点");
    assert_eq!(
        fires("每周一、三、五上午9点", june_first(), 4),
        ["2026-06-01 Mon 09:00", "2026-06-03 Wed 09:00", "2026-06-05 Fri 09:00", "2026-06-08 Mon 09:00"]
    );
}

#[test]
fn run_together_weekdays_are_read_one_by_one() {
    let r = parsed("每周一三五早上8点");
    assert_eq!(r.summary(), "每周一、三、五早上8点");
    assert_eq!(
        fires("每周一三五早上8点", june_first(), 3),
        ["2026-06-01 Mon 08:00", "2026-06-03 Wed 08:00", "2026-06-05 Fri 08:00"]
    );
}

#[test]
fn the_first_friday_of_the_month_is_days_one_to_seven_and_friday() {
    let r = parsed("每月第一个星期五上午9点");
    assert_eq!(r.cron(), "0 0 9 1-7 * Fri *");
    assert_eq!(r.summary(), "每月第一个星期五上午9点");
    assert_eq!(
        fires("每月第一个星期五上午9点", june_first(), 3),
        ["2026-06-05 Fri 09:00", "2026-07-03 Fri 09:00", "2026-08-07 Fri 09:00"]
    );
}

#[test]
fn the_first_and_third_fridays_can_be_asked_for_together() {
    assert_eq!(
        fires("每个月的第一个和第三个周五下午3点", june_first(), 3),
        ["2026-06-05 Fri 15:00", "2026-06-19 Fri 15:00", "2026-07-03 Fri 15:00"]
    );
    assert_eq!(parsed("每月第一、三个星期五").cron(), "0 0 9 1-7,15-21 * Fri *");
}

#[test]
fn the_fifth_friday_only_fires_in_months_that_have_one() {
    assert_eq!(
        fires("每月第五个星期五", june_first(), 3),
        ["2026-07-31 Fri 09:00", "2026-10-30 Fri 09:00", "2027-01-29 Fri 09:00"]
    );
}

#[test]
fn the_last_friday_is_refused_because_cron_has_no_l() {
    for phrase in ["每月最后一个星期五", "每月倒数第一个周五上午9点"] {
        assert_eq!(Recurrence::parse_phrase(phrase), Err(PhraseError::Unrecognised), "{phrase}");
    }
}

#[test]
fn a_day_of_the_month_with_hao_or_ri_keeps_the_word_used() {
    let first = parsed("每月1号上午9点");
    assert_eq!(first.cron(), "0 0 9 1 * * *");
    assert_eq!(first.summary(), "每月1号上午9点");
    assert_eq!(
        fires("每月1号上午9点", june_first(), 3),
        ["2026-06-01 Mon 09:00", "2026-07-01 Wed 09:00", "2026-08-01 Sat 09:00"]
    );
    let fifteenth = parsed("每月15日下午3点");
    assert_eq!(fifteenth.summary(), "每月15日下午3点");
    assert_eq!(fires("每月15日下午3点", june_first(), 2), ["2026-06-15 Mon 15:00", "2026-07-15 Wed 15:00"]);
}

#[test]
fn several_days_of_the_month_may_share_one_suffix() {
    let r = parsed("每月1、15日上午9点");
    assert_eq!(r.cron(), "0 0 9 1,15 * * *");
    assert_eq!(r.summary(), "每月1日、15日上午9点");
}

#[test]
fn daily_phrases_fire_every_day_at_the_stated_time() {
    assert_eq!(fires("每天8点", june_first(), 2), ["2026-06-01 Mon 08:00", "2026-06-02 Tue 08:00"]);
    assert_eq!(parsed("每天8点").summary(), "每天早上8点");
    assert_eq!(fires("每天早上8点半", june_first(), 1), ["2026-06-01 Mon 08:30"]);
    assert_eq!(parsed("每天早上8点半").summary(), "每天早上8点半");
    assert_eq!(fires("每天晚上7点", june_first(), 1), ["2026-06-01 Mon 19:00"]);
    assert_eq!(parsed("每日晚上7点").summary(), "每天晚上7点");
}

#[test]
fn working_days_never_fire_on_a_weekend() {
    let r = parsed("工作日早上8点半");
    assert_eq!(r.cron(), "0 30 8 * * Mon-Fri *");
    assert_eq!(r.summary(), "工作日早上8点半");
    let friday_noon = Shanghai.with_ymd_and_hms(2026, 6, 5, 12, 0, 0).unwrap();
    let times = r.upcoming(friday_noon, 10);
    assert_eq!(times[0].format("%Y-%m-%d %H:%M").to_string(), "2026-06-08 08:30");
    assert!(times.iter().all(|t| !matches!(t.weekday(), Weekday::Sat | Weekday::Sun)));
    assert_eq!(times.len(), 10);
}

#[test]
fn weekends_fire_on_saturday_and_sunday_only() {
    let r = parsed("周末上午10点");
    assert_eq!(r.cron(), "0 0 10 * * Sat,Sun *");
    assert_eq!(r.summary(), "周末上午10点");
    assert_eq!(
        fires("周末上午10点", june_first(), 3),
        ["2026-06-06 Sat 10:00", "2026-06-07 Sun 10:00", "2026-06-13 Sat 10:00"]
    );
}

#[test]
fn chinese_numerals_and_half_past_are_understood() {
    let r = parsed("每周六下午两点半");
    assert_eq!(r.cron(), "0 30 14 * * Sat *");
    assert_eq!(r.summary(), "每周六下午2点半");
    assert_eq!(fires("每周六下午两点半", june_first(), 2), ["2026-06-06 Sat 14:30", "2026-06-13 Sat 14:30"]);
    assert_eq!(parsed("每月二十日下午三点").cron(), "0 0 15 20 * * *");
    assert_eq!(parsed("每月十五号上午十点").cron(), "0 0 10 15 * * *");
    assert_eq!(parsed("每天十二点").cron(), "0 0 12 * * * *");
    assert_eq!(parsed("每天中午十二点").summary(), "每天中午12点");
    assert_eq!(parsed("每天晚上七点半").cron(), "0 30 19 * * * *");
    assert_eq!(parsed("每月三十一日").cron(), "0 0 9 31 * * *");
}

#[test]
fn quarters_and_minutes_in_words_are_understood() {
    assert_eq!(parsed("每天上午九点一刻").cron(), "0 15 9 * * * *");
    assert_eq!(parsed("每天下午3点三刻").cron(), "0 45 15 * * * *");
    let r = parsed("每天下午3点15分");
    assert_eq!(r.cron(), "0 15 15 * * * *");
    assert_eq!(r.summary(), "每天下午3点15分");
    assert_eq!(parsed("每天早上八点零五分").summary(), "每天早上8点05分");
    assert_eq!(parsed("每天9点30").cron(), "0 30 9 * * * *");
    assert_eq!(parsed("每天9时").cron(), "0 0 9 * * * *");
    assert_eq!(parsed("每天9点钟").cron(), "0 0 9 * * * *");
}

#[test]
fn full_width_digits_colons_and_spaces_are_normalised() {
    let r = parsed("每周三　上午９：３０。");
    assert_eq!(r.cron(), "0 30 9 * * Wed *");
    assert_eq!(r.summary(), "每周三上午9点半");
    assert_eq!(parsed("每月１５日 下午３点").cron(), "0 0 15 15 * * *");
    assert_eq!(parsed("每天 14:30").cron(), "0 30 14 * * * *");
}

#[test]
fn every_quarter_fires_in_january_april_july_and_october() {
    let r = parsed("每季度第一个月1日上午9点");
    assert_eq!(r.cron(), "0 0 9 1 Jan,Apr,Jul,Oct * *");
    assert_eq!(r.summary(), "每季度第一个月1日上午9点");
    assert_eq!(
        fires("每季度第一个月1日上午9点", june_first(), 3),
        ["2026-07-01 Wed 09:00", "2026-10-01 Thu 09:00", "2027-01-01 Fri 09:00"]
    );
}

#[test]
fn a_quarter_without_a_month_means_its_first_month() {
    let r = parsed("每季度第一个星期五");
    assert_eq!(r.cron(), "0 0 9 1-7 Jan,Apr,Jul,Oct Fri *");
    assert_eq!(r.summary(), "每季度第一个月第一个星期五（未指定时间，默认上午9点）");
    assert_eq!(
        fires("每季度第一个星期五", june_first(), 2),
        ["2026-07-03 Fri 09:00", "2026-10-02 Fri 09:00"]
    );
    assert_eq!(parsed("每个季度的第三个月15号").cron(), "0 0 9 15 Mar,Jun,Sep,Dec * *");
}

#[test]
fn every_year_fires_once_a_year_on_the_date() {
    let r = parsed("每年7月1日上午9点");
    assert_eq!(r.cron(), "0 0 9 1 Jul * *");
    assert_eq!(r.summary(), "每年7月1日上午9点");
    assert_eq!(
        fires("每年7月1日上午9点", june_first(), 3),
        ["2026-07-01 Wed 09:00", "2027-07-01 Thu 09:00", "2028-07-01 Sat 09:00"]
    );
    assert_eq!(
        fires("每年七月第一个星期五", june_first(), 2),
        ["2026-07-03 Fri 09:00", "2027-07-02 Fri 09:00"]
    );
}

#[test]
fn an_impossible_date_in_the_year_is_refused() {
    assert_eq!(Recurrence::parse_phrase("每年2月30日"), Err(PhraseError::Unrecognised));
    assert_eq!(Recurrence::parse_phrase("每年13月1日"), Err(PhraseError::Unrecognised));
}

#[test]
fn xingqi_libai_and_zhou_all_mean_week() {
    for phrase in ["每星期日上午9点", "每礼拜天上午9点", "每周日上午9点", "每个周天上午9点"]
    {
        assert_eq!(parsed(phrase).cron(), "0 0 9 * * Sun *", "{phrase}");
        assert_eq!(parsed(phrase).summary(), "每周日上午9点", "{phrase}");
    }
    assert_eq!(fires("每礼拜天上午9点", june_first(), 1), ["2026-06-07 Sun 09:00"]);
    assert_eq!(parsed("每逢周二下午3点").cron(), "0 0 15 * * Tue *");
}

#[test]
fn weekday_ranges_use_names_and_sunday_stays_separate() {
    let weekdays = parsed("每周一至周五上午9点");
    assert_eq!(weekdays.cron(), "0 0 9 * * Mon-Fri *");
    assert_eq!(weekdays.summary(), "每周一至五上午9点");
    let all_week = parsed("每周一到日");
    assert_eq!(all_week.cron(), "0 0 9 * * Mon-Sat,Sun *");
    assert_eq!(all_week.upcoming(june_first(), 7).len(), 7);
    let wrapping = parsed("每周五至周一上午9点");
    assert_eq!(wrapping.cron(), "0 0 9 * * Mon,Fri,Sat,Sun *");
    assert_eq!(
        fires("每周五至周一上午9点", june_first(), 4),
        ["2026-06-01 Mon 09:00", "2026-06-05 Fri 09:00", "2026-06-06 Sat 09:00", "2026-06-07 Sun 09:00"]
    );
}

#[test]
fn a_phrase_without_a_time_defaults_to_nine_and_says_so() {
    let r = parsed("每周三");
    assert_eq!(r.cron(), "0 0 9 * * Wed *");
    assert_eq!(r.summary(), "每周三（未指定时间，默认上午9点）");
    assert_eq!(parsed("每月第一个星期五").summary(), "每月第一个星期五（未指定时间，默认上午9点）");
}

#[test]
fn time_words_that_contradict_the_hour_are_refused() {
    for phrase in ["每天早上20点", "每天晚上12点", "每天25点", "每天下午0点", "每天8点70分"]
    {
        assert_eq!(Recurrence::parse_phrase(phrase), Err(PhraseError::Unrecognised), "{phrase}");
    }
}

#[test]
fn phrases_cron_cannot_express_are_refused() {
    for phrase in [
        "每两周周三上午9点",
        "隔周周三",
        "周三上午9点",
        "每天上午9点和下午3点",
        "每月初一",
        "每月上午9点",
        "明天上午9点",
        "每周三上午9点提醒大家学习",
    ] {
        assert_eq!(Recurrence::parse_phrase(phrase), Err(PhraseError::Unrecognised), "{phrase}");
    }
}

#[test]
fn an_empty_phrase_is_reported_as_empty() {
    for phrase in ["", "   ", "\u{3000}。"] {
        assert_eq!(Recurrence::parse_phrase(phrase), Err(PhraseError::Empty));
    }
}

#[test]
fn afternoon_evening_and_early_hours_map_to_the_24_hour_clock() {
    assert_eq!(parsed("每天中午1点").cron(), "0 0 13 * * * *");
    assert_eq!(parsed("每天中午1点").summary(), "每天中午1点");
    assert_eq!(parsed("每天傍晚6点").cron(), "0 0 18 * * * *");
    assert_eq!(parsed("每天晚8点").summary(), "每天晚上8点");
    assert_eq!(parsed("每天早8点").summary(), "每天早上8点");
    assert_eq!(parsed("每天下午15点").cron(), "0 0 15 * * * *");
    assert_eq!(parsed("每天凌晨5点").cron(), "0 0 5 * * * *");
    assert_eq!(parsed("每天20点").summary(), "每天晚上8点");
}

#[test]
fn upcoming_works_in_another_time_zone() {
    let after = Urumqi.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let times = parsed("每周三上午9点").upcoming(after, 1);
    assert_eq!(times[0].to_rfc3339(), "2026-06-03T09:00:00+06:00");
}

#[test]
fn a_seven_field_expression_is_kept_as_given() {
    let r = Recurrence::from_cron("0 0 9 * * Wed *").unwrap();
    assert_eq!(r.cron(), "0 0 9 * * Wed *");
    assert_eq!(r.summary(), "按表达式：0 0 9 * * Wed *");
    assert_eq!(r.upcoming(june_first(), 1)[0].format("%F %a").to_string(), "2026-06-03 Wed");
}

#[test]
fn a_six_field_expression_gets_the_year_field_added() {
    let r = Recurrence::from_cron("  0 30 8 * * Mon-Fri ").unwrap();
    assert_eq!(r.cron(), "0 30 8 * * Mon-Fri *");
}

#[test]
fn numeric_weekdays_in_seconds_first_expressions_are_refused() {
    for expr in ["0 30 8 * * 1-5 *", "0 30 8 * * 2", "0 0 9 * * Mon,3 *"] {
        assert!(matches!(Recurrence::from_cron(expr), Err(PhraseError::InvalidCron(_))), "{expr}");
    }
}

#[test]
fn a_crontab_line_gets_seconds_and_weekday_names() {
    let r = Recurrence::from_cron("30 8 * * 1-5").unwrap();
    assert_eq!(r.cron(), "0 30 8 * * Mon-Fri *");
    let friday_noon = Shanghai.with_ymd_and_hms(2026, 6, 5, 12, 0, 0).unwrap();
    let times = r.upcoming(friday_noon, 5);
    assert!(times.iter().all(|t| !matches!(t.weekday(), Weekday::Sat | Weekday::Sun)));
    assert_eq!(Recurrence::from_cron("0 10 * * 0,6").unwrap().cron(), "0 0 10 * * Sat,Sun *");
    assert_eq!(Recurrence::from_cron("0 10 * * 7").unwrap().cron(), "0 0 10 * * Sun *");
    assert_eq!(Recurrence::from_cron("0 9 * * 5-7").unwrap().cron(), "0 0 9 * * Fri,Sat,Sun *");
    assert_eq!(Recurrence::from_cron("0 9 * * 1-5/2").unwrap().cron(), "0 0 9 * * Mon,Wed,Fri *");
    assert_eq!(Recurrence::from_cron("0 9 1 * *").unwrap().cron(), "0 0 9 1 * * *");
    assert_eq!(Recurrence::from_cron("0 9 * * sat").unwrap().cron(), "0 0 9 * * Sat *");
}

#[test]
fn a_crontab_line_restricting_both_days_is_refused_because_crontab_ors_them() {
    assert!(matches!(Recurrence::from_cron("0 9 1-7 * 5"), Err(PhraseError::InvalidCron(_))));
}

#[test]
fn shorthands_expand_to_seven_fields() {
    assert_eq!(Recurrence::from_cron("@daily").unwrap().cron(), "0 0 0 * * * *");
    assert_eq!(Recurrence::from_cron("@weekly").unwrap().cron(), "0 0 0 * * Sun *");
}

#[test]
fn broken_or_never_firing_expressions_are_invalid() {
    for expr in ["hello", "0 0 9 * * Xyz *", "0 0 9 31 Feb * *", "0 0 9 1 1 * 2020", "1 2 3", "0 9 * * 8"] {
        assert!(matches!(Recurrence::from_cron(expr), Err(PhraseError::InvalidCron(_))), "{expr}");
    }
    assert_eq!(Recurrence::from_cron(" \u{3000} "), Err(PhraseError::Empty));
}

#[test]
fn arabic_weekday_digits_count_from_monday() {
    assert_eq!(parsed("每周3上午9点").cron(), "0 0 9 * * Wed *");
    assert_eq!(parsed("每周1、3、5上午9点").cron(), "0 0 9 * * Mon,Wed,Fri *");
    assert_eq!(parsed("每周1至5").cron(), "0 0 9 * * Mon-Fri *");
    assert_eq!(parsed("每周7").cron(), "0 0 9 * * Sun *");
    assert_eq!(fires("每周7上午9点", june_first(), 1), ["2026-06-07 Sun 09:00"]);
}

#[test]
fn digits_run_into_the_time_are_not_taken_for_weekdays() {
    assert_eq!(parsed("每周一5点").cron(), "0 0 17 * * Mon *");
    for phrase in ["每周12点", "每周135"] {
        assert_eq!(Recurrence::parse_phrase(phrase), Err(PhraseError::Unrecognised), "{phrase}");
    }
}

#[test]
fn a_bare_hour_from_one_to_five_means_the_afternoon() {
    let r = parsed("每月1号两点");
    assert_eq!(r.cron(), "0 0 14 1 * * *");
    assert_eq!(r.summary(), "每月1号下午2点");
    assert_eq!(parsed("每周一3点半").summary(), "每周一下午3点半");
    assert_eq!(parsed("每天凌晨3点").cron(), "0 0 3 * * * *");
    assert_eq!(parsed("每天6点").summary(), "每天早上6点");
}

#[test]
fn days_of_the_month_may_run_together_or_be_followed_by_a_separator() {
    assert_eq!(parsed("每月1号15号").cron(), "0 0 9 1,15 * * *");
    assert_eq!(parsed("每月1号，上午9点").cron(), "0 0 9 1 * * *");
    assert_eq!(parsed("每月1日、15日、上午9点").summary(), "每月1日、15日上午9点");
    assert_eq!(parsed("每月15号十点").cron(), "0 0 10 15 * * *");
}

#[test]
fn traditional_characters_are_read_as_simplified() {
    let r = parsed("每週三上午9點");
    assert_eq!(r.cron(), "0 0 9 * * Wed *");
    assert_eq!(r.summary(), "每周三上午9点");
    assert_eq!(parsed("每個月第一個禮拜五").cron(), "0 0 9 1-7 * Fri *");
}
