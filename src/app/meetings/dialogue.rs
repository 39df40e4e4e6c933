//! Creating a meeting step by step (`/meeting` alone): kind by button, then (for a party group
//! meeting) the group by button, then the time, the place and the topic in words. The draft is
//! stored after every step, so it survives a restart; "取消" ends it, and a day of silence
//! forgets it.

use chrono::{DateTime, Datelike, NaiveDate};
use chrono_tz::Tz;

use super::create::{self, CreateError, Created, Request};
use super::{branch_tz, local, party_groups};
use crate::app::context::Ctx;
use crate::domain::meeting::{Draft, MeetingKind};
use crate::domain::when_phrase::{WhenError, parse_when};
use crate::store::{self, StoreResult};

/// What the dialogue asks or did next.
#[derive(Debug, Clone)]
pub enum Step {
    AskKind,
    AskGroup(Vec<String>),
    AskTime,
    /// The day is known (a 主题党日 started from its reminder): only the time of day is asked.
    AskTimeOn(NaiveDate),
    AskPlace,
    AskTopic,
    /// The answer is no good; the same question stands.
    Invalid(CreateError),
    Created(Box<Created>),
    /// The meeting cannot be made (no group bound); the dialogue ends.
    Failed(CreateError),
    Cancelled,
}

const CANCEL_WORDS: [&str; 3] = ["取消", "算了", "不开了"];

async fn save(ctx: &mut Ctx<'_>, user: i64, branch: i64, draft: &Draft) -> StoreResult<()> {
    store::dialogues::put(ctx.tx, user, branch, &draft.to_json(), ctx.now).await
}

/// A dialogue left alone this long is forgotten, so its questions never swallow later words.
const FORGOTTEN_AFTER_MS: i64 = 24 * 3_600_000;

async fn load(ctx: &mut Ctx<'_>, user: i64) -> StoreResult<Option<(i64, Draft)>> {
    let Some((branch, state, at)) = store::dialogues::get(ctx.tx, user).await? else { return Ok(None) };
    if ctx.now - at > FORGOTTEN_AFTER_MS {
        store::dialogues::delete(ctx.tx, user).await?;
        return Ok(None);
    }
    Ok(Draft::from_json(&state).map(|d| (branch, d)))
}

async fn ask(ctx: &mut Ctx<'_>, branch: i64, draft: &Draft) -> StoreResult<Step> {
    Ok(match draft {
        Draft::Kind => Step::AskKind,
        Draft::Group { .. } => Step::AskGroup(party_groups(ctx.tx, branch).await?),
        Draft::Time { on: Some(day), .. } => match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            Ok(day) => Step::AskTimeOn(day),
            Err(_) => Step::AskTime,
        },
        Draft::Time { .. } => Step::AskTime,
        Draft::Place { .. } => Step::AskPlace,
        Draft::Topic { .. } => Step::AskTopic,
    })
}

pub async fn start(ctx: &mut Ctx<'_>, branch: i64, user: i64) -> StoreResult<Step> {
    save(ctx, user, branch, &Draft::Kind).await?;
    Ok(Step::AskKind)
}

/// Starts a meeting of `kind` on a day already chosen (【发通知】 under the 主题党日 reminder).
pub async fn start_on(
    ctx: &mut Ctx<'_>,
    branch: i64,
    user: i64,
    kind: MeetingKind,
    day: NaiveDate,
) -> StoreResult<Step> {
    let draft = Draft::on_day(kind, &day.to_string());
    save(ctx, user, branch, &draft).await?;
    ask(ctx, branch, &draft).await
}

/// A tap on a kind; `None` when no dialogue waits for one.
pub async fn choose_kind(ctx: &mut Ctx<'_>, user: i64, kind: MeetingKind) -> StoreResult<Option<Step>> {
    let Some((branch, Draft::Kind)) = load(ctx, user).await? else { return Ok(None) };
    let draft = Draft::with_kind(kind);
    save(ctx, user, branch, &draft).await?;
    ask(ctx, branch, &draft).await.map(Some)
}

/// A tap on a party group (its index in the sorted list).
pub async fn choose_group(ctx: &mut Ctx<'_>, user: i64, index: usize) -> StoreResult<Option<Step>> {
    let Some((branch, draft)) = load(ctx, user).await? else { return Ok(None) };
    let Some(group) = party_groups(ctx.tx, branch).await?.into_iter().nth(index) else { return Ok(None) };
    let Some(draft) = draft.with_group(group) else { return Ok(None) };
    save(ctx, user, branch, &draft).await?;
    ask(ctx, branch, &draft).await.map(Some)
}

/// Words from a user in a dialogue; `None` when they are in none.
pub async fn answer(ctx: &mut Ctx<'_>, user: i64, text: &str) -> StoreResult<Option<Step>> {
    let Some((branch, draft)) = load(ctx, user).await? else { return Ok(None) };
    let text = text.trim();
    if CANCEL_WORDS.contains(&text) {
        store::dialogues::delete(ctx.tx, user).await?;
        return Ok(Some(Step::Cancelled));
    }
    let tz = branch_tz(ctx.tx, branch).await?;
    if let Draft::Topic { kind, group, starts_at, place } = &draft {
        let request = Request {
            kind: MeetingKind::from_code(kind).unwrap_or(MeetingKind::General),
            group: group.clone(),
            starts_at: local(*starts_at, tz),
            place: place.clone(),
            topic: text.to_owned(),
        };
        store::dialogues::delete(ctx.tx, user).await?;
        return Ok(Some(match create::create_from(ctx, branch, user, &request).await? {
            Ok(created) => Step::Created(Box::new(created)),
            Err(e) => Step::Failed(e),
        }));
    }
    let starts_at = match &draft {
        Draft::Time { on, .. } => match when_on(text, on.as_deref(), local(ctx.now, tz)) {
            Ok(at) => Some(at.timestamp_millis()),
            Err(e) => return Ok(Some(Step::Invalid(CreateError::Time(e)))),
        },
        _ => None,
    };
    let Some(next) = draft.clone().with_text(starts_at, text) else {
        return ask(ctx, branch, &draft).await.map(Some);
    };
    save(ctx, user, branch, &next).await?;
    ask(ctx, branch, &next).await.map(Some)
}

/// A meeting time in words; on a day already chosen, a time of day alone ("上午9点") is read on
/// that day, and words with their own date ("12月5日上午9点") still win.
fn when_on(text: &str, on: Option<&str>, now: DateTime<Tz>) -> Result<DateTime<Tz>, WhenError> {
    let day = on.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let Some(day) = day else { return parse_when(text, now) };
    let on_day = parse_when(&format!("{}年{}月{}日{text}", day.year(), day.month(), day.day()), now);
    on_day.or_else(|_| parse_when(text, now))
}
