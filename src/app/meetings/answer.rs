//! Members' answers to a meeting notice — a button, or plain words in the group or in private —
//! recorded once each (the last counts, the history is kept), for themselves or, as their
//! contact person, for a member (代答). Which meeting plain words answer is `app::replies`'s call.

use super::roll_memo::KnownRoll;
use super::{notices, when_words};
use crate::app::context::Ctx;
use crate::app::known;
use crate::app::membership::answered_in_branch;
use crate::domain::meeting::Answer;
use crate::store::attendance::NewAnswer;
use crate::store::meetings::MeetingRow;
use crate::store::members::MemberRow;
use crate::store::{self, Conn, StoreResult};

/// Who is answering: the member, and who answered for them when not the member.
#[derive(Debug, Clone)]
pub struct Answerer {
    pub member: MemberRow,
    pub proxy: Option<String>,
}

/// What became of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerOutcome {
    /// Recorded (`fresh`), or the same as the answer already recorded (nothing written).
    Recorded {
        meeting_id: i64,
        member_id: i64,
        member: String,
        proxy: Option<String>,
        answer: Answer,
        when: String,
        place: String,
        fresh: bool,
    },
    /// The meeting was cancelled or closed.
    Gone,
    /// The user is no member of the branch and answers for none.
    UnknownUser,
    /// The member is not expected at this meeting (a committee meeting, another party group).
    NotExpected,
}

/// The members a Telegram user may answer for in a branch: their own member, and the members
/// they are the contact person of (read once, for both `answerer` and `member`).
#[derive(Debug, Clone, Default)]
pub struct Answerable {
    pub own: Option<MemberRow>,
    pub others: Vec<MemberRow>,
}

impl Answerable {
    /// What the user may answer for in the branch, from what the batch knows when there is one.
    pub async fn known(ctx: &mut Ctx<'_>, branch_id: i64, user_id: i64) -> StoreResult<Answerable> {
        let own = known::own_members(ctx, user_id).await?.into_iter().find(|m| m.branch_id == branch_id);
        let others = known::answered_members(ctx, user_id)
            .await?
            .into_iter()
            .filter(|m| m.branch_id == branch_id)
            .collect();
        Ok(Answerable { own, others })
    }

    pub async fn read(conn: &mut Conn, branch_id: i64, user_id: i64) -> StoreResult<Answerable> {
        let own = store::members::by_telegram_user(conn, user_id)
            .await?
            .into_iter()
            .find(|m| m.branch_id == branch_id);
        let others = answered_in_branch(conn, user_id, branch_id).await?;
        Ok(Answerable { own, others })
    }

    /// The member the user answers for: a name of a member they answer for written in the text
    /// picks that member; otherwise themselves; otherwise their only member.
    pub fn answerer(&self, user_name: &str, text: Option<&str>) -> Option<Answerer> {
        let proxy = self.own.as_ref().map(|m| m.name.clone()).unwrap_or_else(|| user_name.to_owned());
        let named = text.and_then(|t| self.others.iter().find(|m| t.contains(m.name.as_str())));
        match (named, &self.own, self.others.as_slice()) {
            (Some(m), _, _) => Some(Answerer { member: m.clone(), proxy: Some(proxy) }),
            (None, Some(me), _) => Some(Answerer { member: me.clone(), proxy: None }),
            (None, None, [only]) => Some(Answerer { member: only.clone(), proxy: Some(proxy) }),
            _ => None,
        }
    }

    /// The user's own member, else the first member they answer for (`membership::member_in_branch`).
    pub fn member(&self) -> Option<&MemberRow> {
        self.own.as_ref().or(self.others.first())
    }
}

/// The member a Telegram user answers for in the branch (see `Answerable::answerer`).
pub async fn answerer(
    conn: &mut Conn,
    branch_id: i64,
    user_id: i64,
    user_name: &str,
    text: Option<&str>,
) -> StoreResult<Option<Answerer>> {
    Ok(Answerable::read(conn, branch_id, user_id).await?.answerer(user_name, text))
}

/// Records an answer unless the meeting is gone or the same answer stands already.
pub async fn record(
    ctx: &mut Ctx<'_>,
    m: &MeetingRow,
    who: &Answerer,
    answer: Answer,
    user_id: i64,
    source: &str,
) -> StoreResult<AnswerOutcome> {
    if !m.is_open() {
        return Ok(AnswerOutcome::Gone);
    }
    // In a batch the roll is known and redrawn once at its end; alone, it is read and redrawn here.
    let mut alone = None;
    let roll = match ctx.batch.as_deref_mut() {
        Some(batch) => {
            batch.rolls.keep();
            batch.rolls.roll(ctx.tx, m).await?
        }
        None => alone.insert(KnownRoll::read(ctx.tx, m).await?),
    };
    let tz = roll.tz;
    let Some(entry) = roll.entry_mut(who.member.id) else {
        return Ok(AnswerOutcome::NotExpected);
    };
    let same = match (&entry.answer, &answer) {
        (Some(Answer::Attend), Answer::Attend) => true,
        (Some(Answer::Leave { reason: old }), Answer::Leave { reason: new }) => new.is_none() || new == old,
        _ => false,
    };
    let answer = match (same, &entry.answer) {
        (true, Some(current)) => current.clone(),
        _ => answer,
    };
    if !same {
        let (code, reason) = match &answer {
            Answer::Attend => ("attend", None),
            Answer::Leave { reason } => ("leave", reason.as_deref()),
        };
        let new = NewAnswer {
            meeting_id: m.id,
            member_id: who.member.id,
            answer: code,
            reason,
            answered_by: user_id,
            proxy_name: who.proxy.as_deref(),
            source,
        };
        entry.answer = Some(answer.clone());
        entry.proxy = who.proxy.clone();
        if let Some(batch) = ctx.batch.as_deref_mut() {
            // Written with the rest of the batch; its rolls know the answer meanwhile.
            batch.deferred.answer((&new).into());
            batch.rolls.owe(m.id);
        } else if let Some(roll) = &alone {
            store::attendance::record_answer(ctx.tx, &new, ctx.now).await?;
            notices::refresh_roll(ctx, m, &roll.entries, tz).await?;
        }
    }
    Ok(AnswerOutcome::Recorded {
        meeting_id: m.id,
        member_id: who.member.id,
        member: who.member.name.clone(),
        proxy: who.proxy.clone(),
        answer,
        when: when_words(m.starts_at, ctx.now, tz),
        place: m.place.clone(),
        fresh: !same,
    })
}

/// The branches a user belongs to or answers for, for words in private chat.
pub async fn branches_of_user(conn: &mut Conn, user_id: i64) -> StoreResult<Vec<i64>> {
    let mut ids: Vec<i64> =
        store::members::by_telegram_user(conn, user_id).await?.iter().map(|m| m.branch_id).collect();
    for id in store::contacts::members_answered_by(conn, user_id).await? {
        if let Some(m) = store::members::get(conn, id).await? {
            ids.push(m.branch_id);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
