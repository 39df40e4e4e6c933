//! What a batch knows of the people whose updates it handles and of the branches and meetings
//! they answer: read once for the whole batch (a few statements, not a few per update), in the
//! batch's own transaction. Anything asked about someone outside the batch is read on its own.

use std::collections::{HashMap, HashSet};

use crate::domain::answer_confirmation::AnswerConfirmation;
use crate::store::branches::BranchRow;
use crate::store::meetings::MeetingRow;
use crate::store::members::MemberRow;
use crate::store::questions::QuestionRow;
use crate::store::{self, Conn, StoreResult};

#[derive(Default)]
pub struct Known {
    /// The Telegram users whose updates the batch holds.
    people: Vec<i64>,
    read: Option<People>,
    questions: Option<Questions>,
    group_branches: HashMap<i64, Option<BranchRow>>,
    meetings: HashMap<i64, Option<MeetingRow>>,
    open_meetings: HashMap<i64, Vec<MeetingRow>>,
    receivable: HashMap<i64, bool>,
    confirmations: HashMap<i64, AnswerConfirmation>,
}

/// The batch's people as the database holds them.
#[derive(Default)]
struct People {
    /// Their own members (any branch).
    own: HashMap<i64, Vec<MemberRow>>,
    /// The members they are the contact person of (any branch), in id order.
    answered: HashMap<i64, Vec<MemberRow>>,
    unreachable: HashSet<i64>,
}

/// The questions waiting for the batch's people, asked since `since`, by (chat, person).
struct Questions {
    since: i64,
    waiting: HashMap<(i64, i64), QuestionRow>,
}

impl Known {
    pub fn of_people(mut people: Vec<i64>) -> Known {
        people.sort_unstable();
        people.dedup();
        Known { people, ..Known::default() }
    }

    fn in_batch(&self, user: i64) -> bool {
        self.people.binary_search(&user).is_ok()
    }

    /// Forgets everything read (an update changed what it may have said); keeps who the people are.
    pub fn forget(&mut self) {
        *self = Known { people: std::mem::take(&mut self.people), ..Known::default() };
    }

    async fn people(&mut self, conn: &mut Conn) -> StoreResult<&People> {
        if self.read.is_none() {
            self.read = Some(read_people(conn, &self.people).await?);
        }
        Ok(self.read.as_ref().expect("just read"))
    }

    /// The user's own members (`store::members::by_telegram_user`).
    pub async fn own_members(&mut self, conn: &mut Conn, user: i64) -> StoreResult<Vec<MemberRow>> {
        if !self.in_batch(user) {
            return store::members::by_telegram_user(conn, user).await;
        }
        Ok(self.people(conn).await?.own.get(&user).cloned().unwrap_or_default())
    }

    /// The members the user answers for as their contact person, in id order, forgotten or not.
    pub async fn answered_members(&mut self, conn: &mut Conn, user: i64) -> StoreResult<Vec<MemberRow>> {
        if !self.in_batch(user) {
            return crate::app::membership::answered_members(conn, user).await;
        }
        Ok(self.people(conn).await?.answered.get(&user).cloned().unwrap_or_default())
    }

    /// Whether the chat is marked unreachable.
    pub async fn is_unreachable(&mut self, conn: &mut Conn, chat: i64) -> StoreResult<bool> {
        if !self.in_batch(chat) {
            return store::chats::is_unreachable(conn, chat).await;
        }
        Ok(self.people(conn).await?.unreachable.contains(&chat))
    }

    /// The question waiting for `user` in `chat`, asked at or after `since`.
    pub async fn question(
        &mut self,
        conn: &mut Conn,
        chat: i64,
        user: i64,
        since: i64,
    ) -> StoreResult<Option<QuestionRow>> {
        let usable = self.questions.as_ref().is_none_or(|q| q.since <= since);
        if !self.in_batch(user) || !usable {
            return store::questions::get(conn, chat, user, since).await;
        }
        if self.questions.is_none() {
            let rows = store::questions::waiting_for(conn, &self.people, since).await?;
            let waiting = rows.into_iter().map(|w| ((w.chat_id, w.telegram_user_id), w.question)).collect();
            self.questions = Some(Questions { since, waiting });
        }
        let questions = self.questions.as_ref().expect("just read");
        Ok(questions.waiting.get(&(chat, user)).filter(|q| q.asked_at >= since).cloned())
    }

    /// A question was put to `user` in `chat` (or, with `None`, taken away): what is known follows.
    pub fn question_changed(&mut self, chat: i64, user: i64, now: Option<QuestionRow>) {
        let Some(questions) = self.questions.as_mut() else { return };
        match now {
            Some(q) => questions.waiting.insert((chat, user), q),
            None => questions.waiting.remove(&(chat, user)),
        };
    }

    /// The branch bound to the group chat.
    pub async fn group_branch(&mut self, conn: &mut Conn, chat: i64) -> StoreResult<Option<BranchRow>> {
        if let Some(known) = self.group_branches.get(&chat) {
            return Ok(known.clone());
        }
        let branch = store::branches::by_group_chat(conn, chat).await?;
        self.group_branches.insert(chat, branch.clone());
        Ok(branch)
    }

    /// The meeting, as `store::meetings::get` reads it.
    pub async fn meeting(&mut self, conn: &mut Conn, id: i64) -> StoreResult<Option<MeetingRow>> {
        if let Some(known) = self.meetings.get(&id) {
            return Ok(known.clone());
        }
        let meeting = store::meetings::get(conn, id).await?;
        self.meetings.insert(id, meeting.clone());
        Ok(meeting)
    }

    /// The branch's open meetings, soonest first.
    pub async fn open_meetings(&mut self, conn: &mut Conn, branch: i64) -> StoreResult<Vec<MeetingRow>> {
        if let Some(known) = self.open_meetings.get(&branch) {
            return Ok(known.clone());
        }
        let open = store::meetings::open_of_branch(conn, branch).await?;
        self.open_meetings.insert(branch, open.clone());
        Ok(open)
    }

    /// How the branch confirms answers given in its group.
    pub async fn confirmation(&mut self, conn: &mut Conn, branch: i64) -> StoreResult<AnswerConfirmation> {
        if let Some(known) = self.confirmations.get(&branch) {
            return Ok(*known);
        }
        let code = store::schedules::answer_confirmation(conn, branch).await?;
        let how = AnswerConfirmation::from_code(code.as_deref());
        self.confirmations.insert(branch, how);
        Ok(how)
    }

    /// Whether any member of the branch may have a briefing (sent since `briefings_since`) or a
    /// study round (created since `rounds_since`) still to acknowledge: false lets each member's
    /// own look-up be skipped.
    pub async fn may_have_receipts(
        &mut self,
        conn: &mut Conn,
        branch: i64,
        briefings_since: i64,
        rounds_since: i64,
        now: i64,
    ) -> StoreResult<bool> {
        if let Some(known) = self.receivable.get(&branch) {
            return Ok(*known);
        }
        let any = store::briefings::any_sent_between(conn, branch, briefings_since, now).await?
            || store::study::any_round_since(conn, branch, rounds_since).await?;
        self.receivable.insert(branch, any);
        Ok(any)
    }
}

async fn read_people(conn: &mut Conn, people: &[i64]) -> StoreResult<People> {
    let mut read = People::default();
    if people.is_empty() {
        return Ok(read);
    }
    for member in store::members::by_telegram_users(conn, people).await? {
        if let Some(user) = member.telegram_user_id {
            read.own.entry(user).or_default().push(member);
        }
    }
    let pairs = store::contacts::answered_by_users(conn, people).await?;
    if !pairs.is_empty() {
        let mut ids: Vec<i64> = pairs.iter().map(|(_, member)| *member).collect();
        ids.sort_unstable();
        ids.dedup();
        let rows: HashMap<i64, MemberRow> =
            store::members::by_ids(conn, &ids).await?.into_iter().map(|m| (m.id, m)).collect();
        for (user, member) in pairs {
            if let Some(row) = rows.get(&member) {
                read.answered.entry(user).or_default().push(row.clone());
            }
        }
    }
    read.unreachable = store::chats::unreachable_among(conn, people).await?.into_iter().collect();
    Ok(read)
}
