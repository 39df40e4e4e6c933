//! A branch's settings — quiet hours, its days off, how often each meeting kind is due, how
//! answers given in the group are confirmed — changed through one door, audited, for the
//! secretary in chat (`/quiet`, `/holiday`, `/frequency`, `/confirm`) and the operator on the
//! command line.

use crate::domain::answer_confirmation::AnswerConfirmation;
use crate::domain::audit_action::AuditAction;
use chrono::NaiveDate;

use crate::app::context::Ctx;
use crate::domain::holiday_calendar::HolidayCalendar;
use crate::domain::meeting::KindRules;
use crate::domain::quiet_hours::{Holidays, QuietHours};
use crate::domain::settings_phrase::FrequencyChange;
use crate::store::{self, StoreResult, audit::Actor};

/// Sets the branch's quiet hours.
pub async fn set_quiet_hours(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    quiet: &QuietHours,
    by: Actor,
) -> StoreResult<()> {
    let mut settings = store::schedules::settings(ctx.tx, branch_id).await?;
    let spec = quiet.to_spec();
    settings.quiet_hours = Some(spec.clone());
    store::schedules::save_settings(ctx.tx, branch_id, &settings).await?;
    store::audit::record(ctx.tx, Some(branch_id), by, AuditAction::SettingsQuietHours, &spec, ctx.now).await
}

/// How the branch confirms answers given in its group.
pub async fn answer_confirmation(conn: &mut store::Conn, branch_id: i64) -> StoreResult<AnswerConfirmation> {
    let code = store::schedules::answer_confirmation(conn, branch_id).await?;
    Ok(AnswerConfirmation::from_code(code.as_deref()))
}

pub async fn set_answer_confirmation(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    how: AnswerConfirmation,
    by: Actor,
) -> StoreResult<()> {
    store::schedules::save_answer_confirmation(ctx.tx, branch_id, how.code()).await?;
    let action = AuditAction::SettingsAnswerConfirmation;
    store::audit::record(ctx.tx, Some(branch_id), by, action, how.code(), ctx.now).await
}

/// Replaces the branch's own days off (the command line's `--holidays`).
pub async fn set_days_off(ctx: &mut Ctx<'_>, branch_id: i64, days: &Holidays, by: Actor) -> StoreResult<()> {
    save_own(ctx, branch_id, days).await?;
    let detail = days.to_spec().replace('\n', ",");
    store::audit::record(ctx.tx, Some(branch_id), by, AuditAction::SettingsHolidays, &detail, ctx.now).await
}

async fn save_own(ctx: &mut Ctx<'_>, branch_id: i64, days: &Holidays) -> StoreResult<()> {
    let mut settings = store::schedules::settings(ctx.tx, branch_id).await?;
    settings.holidays = Some(days.to_spec());
    store::schedules::save_settings(ctx.tx, branch_id, &settings).await
}

/// A branch's days off as set: its own, and the public holidays it keeps as ordinary days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DaysOff {
    pub own: Holidays,
    pub kept: Holidays,
}

impl DaysOff {
    /// Every day the branch does not send on.
    pub fn all(&self) -> Holidays {
        HolidayCalendar::china().days_off(&self.own, &self.kept)
    }
}

pub async fn days_off(ctx: &mut Ctx<'_>, branch_id: i64) -> StoreResult<DaysOff> {
    let settings = store::schedules::settings(ctx.tx, branch_id).await?;
    let own = settings.holidays.and_then(|h| Holidays::parse(&h).ok()).unwrap_or_default();
    let kept = store::schedules::kept_days(ctx.tx, branch_id).await?;
    let kept = kept.and_then(|k| Holidays::parse(&k).ok()).unwrap_or_default();
    Ok(DaysOff { own, kept })
}

/// Makes `days` days off (`off`) or ordinary days: the branch's own days off are added or taken
/// away, and a public holiday is kept as an ordinary day or given back. Returns what now holds.
pub async fn change_days_off(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    days: &[NaiveDate],
    off: bool,
    by: Actor,
) -> StoreResult<DaysOff> {
    let DaysOff { own, kept } = days_off(ctx, branch_id).await?;
    let public = |d: &NaiveDate| HolidayCalendar::china().is_off(*d);
    let named = |d: &NaiveDate| days.contains(d);
    let changed = if off {
        let own = own.iter().chain(days.iter().copied().filter(|d| !public(d)));
        DaysOff { own: Holidays::new(own), kept: Holidays::new(kept.iter().filter(|d| !named(d))) }
    } else {
        let kept = kept.iter().chain(days.iter().copied().filter(public));
        DaysOff { own: Holidays::new(own.iter().filter(|d| !named(d))), kept: Holidays::new(kept) }
    };
    save_own(ctx, branch_id, &changed.own).await?;
    store::schedules::save_kept_days(ctx.tx, branch_id, &changed.kept.to_spec()).await?;
    let sign = if off { '+' } else { '-' };
    let detail: Vec<String> = days.iter().map(|d| format!("{sign}{d}")).collect();
    let action = AuditAction::SettingsDaysOff;
    store::audit::record(ctx.tx, Some(branch_id), by, action, &detail.join(","), ctx.now).await?;
    Ok(changed)
}

/// Changes how often one meeting kind is due (and whether it counts), for the secretary's
/// `/frequency` and the operator's `zhibu kind set`; returns the kind's rules as they now are.
pub async fn set_frequency(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    change: &FrequencyChange,
    by: Actor,
) -> StoreResult<KindRules> {
    let mut rules = store::meetings::rules_of(ctx.tx, branch_id, change.kind).await?;
    rules.period = change.period.unwrap_or(rules.period);
    rules.per_period = change.per_period.unwrap_or(rules.per_period).max(1);
    rules.required = change.required.unwrap_or(rules.required);
    store::meetings::set_rules(ctx.tx, branch_id, &rules).await?;
    let detail =
        format!("{} {} {} {}", change.kind.code(), rules.period.code(), rules.per_period, rules.required);
    store::audit::record(ctx.tx, Some(branch_id), by, AuditAction::MeetingKindRule, &detail, ctx.now).await?;
    Ok(rules)
}

/// Each meeting kind's rules (frequency, quorum, who is expected) for the branch.
pub async fn meeting_kinds(conn: &mut store::Conn, branch_id: i64) -> StoreResult<Vec<KindRules>> {
    store::meetings::rules(conn, branch_id).await
}
