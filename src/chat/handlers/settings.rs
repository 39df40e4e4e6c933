//! Branch settings in chat: `/settings` shows quiet hours and days off in words with how to
//! change them; `/quiet 21点到8点` and `/holiday 12月24日到12月26日` (or `/holiday 删除 12月25日`)
//! change them through the same door as the command line, as does `/frequency 党课 每季度1次`
//! for how often a meeting kind is due, `/themeday 每月第一个星期五` for the fixed day of
//! 主题党日, and `/confirm 群内` for answers in the group confirmed there only; each says back
//! what now holds.

use chrono::NaiveDate;

use crate::app::branch_settings::{self, DaysOff};
use crate::app::context::Ctx;
use crate::app::schedules::{branch_tz, local};
use crate::app::{sending_window, theme_day};
use crate::chat::handlers::admin::Admin;
use crate::chat::incoming::Person;
use crate::domain::action::Action;
use crate::domain::answer_confirmation::AnswerConfirmation;
use crate::domain::holiday_calendar::HolidayCalendar;
use crate::domain::outgoing::{Buttons, InlineButton, Outgoing};
use crate::domain::quiet_hours::Holidays;
use crate::domain::settings_phrase::{
    QUIET_PRESETS, SettingsPhraseError, parse_days, parse_frequency, parse_quiet, quiet_preset,
};
use crate::domain::theme_day::ThemeDay;
use crate::store::{StoreResult, audit::Actor};
use crate::texts::settings as words;
use crate::texts::theme_day as theme_words;

/// The words that ask `/holiday` to take days away rather than add them.
const REMOVE_WORDS: [&str; 3] = ["删除", "取消", "去掉"];

pub async fn on_settings(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<()> {
    let window = sending_window::window(ctx.tx, admin.branch_id).await?;
    let days = branch_settings::days_off(ctx, admin.branch_id).await?;
    let today = today(ctx, admin).await?;
    let calendar = HolidayCalendar::china();
    let rules = branch_settings::meeting_kinds(ctx.tx, admin.branch_id).await?;
    let frequencies: Vec<String> = rules.iter().map(words::frequency_line).collect();
    let theme_rule = theme_day::rule(ctx.tx, admin.branch_id).await?;
    let next_theme_day = match theme_rule {
        Some(rule) => theme_day::upcoming(ctx.tx, admin.branch_id, rule, today, 1).await?.pop(),
        None => None,
    };
    let next_theme_day = next_theme_day.map(|d| theme_day::in_words(&d, today));
    let confirmation = branch_settings::answer_confirmation(ctx.tx, admin.branch_id).await?;
    let text = words::overview(
        &words::quiet_in_words(&window.quiet),
        &days_summary(&days, today),
        &theme_words::settings_line(theme_rule, next_theme_day.as_deref()),
        confirmation,
        &frequencies,
        calendar.last_year(),
        calendar.missing_next_year(today),
    );
    let rows = (0..QUIET_PRESETS.len() as u8)
        .filter_map(|preset| Some((preset, quiet_preset(preset)?)))
        .map(|(preset, quiet)| {
            let label = words::quiet_button(&words::quiet_in_words(&quiet));
            let action = Action::QuietPreset { branch_id: admin.branch_id, preset };
            vec![InlineButton::new(label, action.encode())]
        })
        .collect();
    ctx.say(admin.chat_id, Outgoing::with_buttons(text, Buttons::Inline { rows })).await.map(drop)
}

/// A tap on a quiet-hours choice under `/settings` (authorized: an administrator of the branch).
pub async fn on_quiet_preset(
    ctx: &mut Ctx<'_>,
    callback_id: &str,
    from: &Person,
    branch_id: i64,
    preset: u8,
) -> StoreResult<()> {
    let Some(quiet) = quiet_preset(preset) else {
        return ctx.answer_callback(from.id, callback_id, None).await;
    };
    branch_settings::set_quiet_hours(ctx, branch_id, &quiet, Actor::Telegram(from.id)).await?;
    ctx.answer_callback(from.id, callback_id, Some(words::SAVED_TOAST)).await?;
    ctx.say_text(from.id, words::quiet_saved(&words::quiet_in_words(&quiet))).await.map(drop)
}

fn days_summary(days: &DaysOff, today: NaiveDate) -> String {
    let kept = Some(words::days_in_words(&days.kept, today)).filter(|k| k != words::NONE);
    words::days_summary(&words::days_in_words(&days.own, today), kept.as_deref())
}

pub async fn on_quiet(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let quiet = match parse_quiet(args) {
        Ok(quiet) if !args.trim().is_empty() => quiet,
        _ => return ctx.say_text(admin.chat_id, words::QUIET_USAGE).await.map(drop),
    };
    branch_settings::set_quiet_hours(ctx, admin.branch_id, &quiet, Actor::Telegram(admin.user_id)).await?;
    ctx.say_text(admin.chat_id, words::quiet_saved(&words::quiet_in_words(&quiet))).await.map(drop)
}

pub async fn on_holiday(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let args = args.trim();
    let (add, days_text) = match REMOVE_WORDS.iter().find_map(|w| args.strip_prefix(w)) {
        Some(rest) => (false, rest.trim()),
        None => (true, args),
    };
    let today = today(ctx, admin).await?;
    let days = match parse_days(days_text, today) {
        Ok(days) => days,
        Err(SettingsPhraseError::TooLong(_)) => {
            return ctx.say_text(admin.chat_id, words::HOLIDAY_TOO_LONG).await.map(drop);
        }
        Err(_) => return ctx.say_text(admin.chat_id, words::HOLIDAY_USAGE).await.map(drop),
    };
    let by = Actor::Telegram(admin.user_id);
    let now_off = branch_settings::change_days_off(ctx, admin.branch_id, &days, add, by).await?;
    let changed = words::days_in_words(&Holidays::new(days), today);
    let summary = days_summary(&now_off, today);
    let text =
        if add { words::days_added(&changed, &summary) } else { words::days_removed(&changed, &summary) };
    ctx.say_text(admin.chat_id, text).await.map(drop)
}

pub async fn on_frequency(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let Some(change) = parse_frequency(args) else {
        return ctx.say_text(admin.chat_id, words::FREQUENCY_USAGE).await.map(drop);
    };
    let by = Actor::Telegram(admin.user_id);
    let rules = branch_settings::set_frequency(ctx, admin.branch_id, &change, by).await?;
    ctx.say_text(admin.chat_id, words::frequency_saved(&words::frequency_line(&rules))).await.map(drop)
}

/// `/themeday 每月第一个星期五`: the fixed day of 主题党日, confirmed with the next three dates
/// (moved off public holidays, saying so).
pub async fn on_theme_day(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let Some(rule) = ThemeDay::parse(args) else {
        return ctx.say_text(admin.chat_id, theme_words::USAGE).await.map(drop);
    };
    let next = theme_day::set(ctx, admin.branch_id, rule, Actor::Telegram(admin.user_id)).await?;
    let today = today(ctx, admin).await?;
    let next: Vec<String> = next.iter().map(|d| theme_day::in_words(d, today)).collect();
    ctx.say_text(admin.chat_id, theme_words::saved(rule, &next)).await.map(drop)
}

/// `/confirm 群内` or `/confirm 私信`: whether a member who answered in the group also gets the
/// private words (`domain::answer_confirmation`).
pub async fn on_confirm(ctx: &mut Ctx<'_>, admin: Admin, args: &str) -> StoreResult<()> {
    let Some(how) = AnswerConfirmation::parse(args) else {
        return ctx.say_text(admin.chat_id, words::CONFIRM_USAGE).await.map(drop);
    };
    let by = Actor::Telegram(admin.user_id);
    branch_settings::set_answer_confirmation(ctx, admin.branch_id, how, by).await?;
    ctx.say_text(admin.chat_id, words::confirmation_saved(how)).await.map(drop)
}

/// Today in the branch's time zone.
async fn today(ctx: &mut Ctx<'_>, admin: Admin) -> StoreResult<NaiveDate> {
    let tz = branch_tz(ctx.tx, admin.branch_id).await?;
    Ok(local(ctx.now, tz).date_naive())
}
