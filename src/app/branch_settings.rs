//! A branch's sending settings — quiet hours and its own days off — changed through one door,
//! audited, for the secretary in chat (`/quiet`, `/holiday`) and the operator on the command line.

use chrono::NaiveDate;

use crate::app::context::Ctx;
use crate::domain::quiet_hours::{Holidays, QuietHours};
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
    store::audit::record(ctx.tx, Some(branch_id), by, "settings.quiet_hours", &spec, ctx.now).await
}

/// Replaces the branch's own days off (the command line's `--holidays`).
pub async fn set_days_off(ctx: &mut Ctx<'_>, branch_id: i64, days: &Holidays, by: Actor) -> StoreResult<()> {
    let mut settings = store::schedules::settings(ctx.tx, branch_id).await?;
    let spec = days.to_spec();
    settings.holidays = Some(spec.clone());
    store::schedules::save_settings(ctx.tx, branch_id, &settings).await?;
    store::audit::record(ctx.tx, Some(branch_id), by, "settings.holidays", &spec.replace('\n', ","), ctx.now)
        .await
}

/// The branch's own days off as they stand.
pub async fn days_off(ctx: &mut Ctx<'_>, branch_id: i64) -> StoreResult<Holidays> {
    let settings = store::schedules::settings(ctx.tx, branch_id).await?;
    Ok(settings.holidays.and_then(|h| Holidays::parse(&h).ok()).unwrap_or_default())
}

/// Adds days off to the branch's own (`add`) or takes them away; returns the list as it now is.
pub async fn change_days_off(
    ctx: &mut Ctx<'_>,
    branch_id: i64,
    days: &[NaiveDate],
    add: bool,
    by: Actor,
) -> StoreResult<Holidays> {
    let current = days_off(ctx, branch_id).await?;
    let changed = if add {
        Holidays::new(current.iter().chain(days.iter().copied()))
    } else {
        Holidays::new(current.iter().filter(|d| !days.contains(d)))
    };
    set_days_off(ctx, branch_id, &changed, by).await?;
    Ok(changed)
}
