//! The secretary marks who came by name (`/present 张德明 李秀英 [线上]`): each name is handled
//! on its own; a name that matches nobody exactly records nothing — the nearest roster names are
//! offered, and the name becomes 列席 only when the secretary taps 【按列席记录】.

use crate::app::context::Ctx;
use crate::app::{MemberLookup, admin};
use crate::domain::meeting::Mode;
use crate::domain::name_match;
use crate::store::meetings::MeetingRow;
use crate::store::{self, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PresentOutcome {
    Marked(String, Mode),
    Already(String),
    /// Not in the roster: nothing recorded; the nearest roster names (id, name) are offered,
    /// and `proposal` is the 【按列席记录】 to tap if the name is a guest's.
    Unknown {
        name: String,
        nearest: Vec<(i64, String)>,
        proposal: i64,
    },
    Ambiguous(String, Vec<String>),
}

/// `/present 张德明 李秀英 [线上]`: one outcome per name; `None` when no name was given. A
/// number after a name tells namesakes apart ("王建国 8013").
pub async fn mark_by_names(
    ctx: &mut Ctx<'_>,
    m: &MeetingRow,
    args: &str,
) -> StoreResult<Option<(Mode, Vec<PresentOutcome>)>> {
    let (mode, queries) = parse(args);
    if queries.is_empty() {
        return Ok(None);
    }
    let mut outcomes = Vec::new();
    for query in queries {
        outcomes.push(mark_one(ctx, m, &query, mode).await?);
    }
    Ok(Some((mode, outcomes)))
}

/// The mode (a trailing 线上 or 现场) and each name with the number that may follow it.
fn parse(args: &str) -> (Mode, Vec<String>) {
    let mut words: Vec<&str> = args.split_whitespace().collect();
    let mode = match words.last() {
        Some(&"线上") => Mode::Online,
        Some(&"现场") => Mode::Onsite,
        _ => Mode::Onsite,
    };
    if matches!(words.last(), Some(&"线上" | &"现场")) {
        words.pop();
    }
    let mut queries: Vec<String> = Vec::new();
    for word in words {
        match queries.last_mut() {
            Some(query) if word.chars().all(|c| c.is_ascii_digit()) => {
                query.push(' ');
                query.push_str(word);
            }
            _ => queries.push(word.to_owned()),
        }
    }
    (mode, queries)
}

async fn mark_one(ctx: &mut Ctx<'_>, m: &MeetingRow, query: &str, mode: Mode) -> StoreResult<PresentOutcome> {
    let name = query.split_whitespace().next().unwrap_or_default().to_owned();
    Ok(match admin::find_member(ctx.tx, m.branch_id, query).await? {
        MemberLookup::Found(member) => mark_member(ctx, m, member.id, &member.name, mode).await?,
        MemberLookup::Ambiguous(hints) => PresentOutcome::Ambiguous(name, hints),
        MemberLookup::NotFound => {
            let roster = store::members::list(ctx.tx, m.branch_id).await?;
            let near = name_match::nearest(&name, roster.iter().map(|r| r.name.as_str()));
            let nearest = roster
                .iter()
                .filter(|r| near.contains(&r.name.as_str()))
                .map(|r| (r.id, r.name.clone()))
                .collect();
            let proposal = store::observer_proposals::propose(ctx.tx, m.id, &name, ctx.now).await?;
            PresentOutcome::Unknown { name, nearest, proposal }
        }
    })
}

async fn mark_member(
    ctx: &mut Ctx<'_>,
    m: &MeetingRow,
    member_id: i64,
    name: &str,
    mode: Mode,
) -> StoreResult<PresentOutcome> {
    Ok(if store::attendance::mark_present(ctx.tx, m.id, member_id, mode.code(), ctx.now).await? {
        PresentOutcome::Marked(name.to_owned(), mode)
    } else {
        PresentOutcome::Already(name.to_owned())
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TapOutcome {
    Present(PresentOutcome),
    Observer(String),
    /// The meeting is no longer open (or the member is not in its branch).
    Gone,
    /// The proposal was answered already.
    Already,
}

/// The secretary tapped a roster name offered for a mistyped one.
pub async fn mark_offered(
    ctx: &mut Ctx<'_>,
    m: &MeetingRow,
    member_id: i64,
    mode: Mode,
) -> StoreResult<TapOutcome> {
    let member = store::members::get(ctx.tx, member_id).await?.filter(|r| r.branch_id == m.branch_id);
    let (Some(member), true) = (member, m.is_open()) else { return Ok(TapOutcome::Gone) };
    Ok(TapOutcome::Present(mark_member(ctx, m, member.id, &member.name, mode).await?))
}

/// The secretary tapped 【按列席记录】: the name is recorded as 列席, once.
pub async fn record_observer(
    ctx: &mut Ctx<'_>,
    m: &MeetingRow,
    proposal: i64,
    name: &str,
) -> StoreResult<TapOutcome> {
    if !m.is_open() {
        return Ok(TapOutcome::Gone);
    }
    if !store::observer_proposals::remove(ctx.tx, proposal).await? {
        return Ok(TapOutcome::Already);
    }
    store::meetings::add_observer(ctx.tx, m.id, name).await?;
    Ok(TapOutcome::Observer(name.to_owned()))
}

/// A name the secretary was offered to record as 列席: its meeting and the name, while it stands.
pub async fn observer_proposal(
    conn: &mut crate::store::Conn,
    proposal: i64,
) -> StoreResult<Option<(i64, String)>> {
    crate::store::observer_proposals::get(conn, proposal).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_names_each_with_their_number_and_one_mode() {
        let (mode, names) = parse("张德明 王建国 8013 李秀英 线上");
        assert_eq!(mode, Mode::Online);
        assert_eq!(names, vec!["张德明", "王建国 8013", "李秀英"]);
        assert_eq!(parse("").1, Vec::<String>::new());
    }
}
