//! Meetings (三会一课) and each branch's meeting kinds with their rules.

use super::{Conn, StoreError, StoreResult};
use crate::domain::meeting::{Attendees, KindRules, MeetingKind, Period, Quorum};

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub branch_id: i64,
    pub kind: String,
    pub party_group: Option<String>,
    pub starts_at: i64,
    pub place: String,
    pub topic: String,
    pub host: Option<String>,
    pub recorder: Option<String>,
    pub state: String,
    pub created_by: i64,
    pub closed_at: Option<i64>,
    pub observers: Option<String>,
    pub announcement_id: Option<i64>,
    pub roll_id: Option<i64>,
}

/// What a meeting's record holds beyond the meeting itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct RecordFields {
    /// 内容/决议
    pub resolution: Option<String>,
    /// Vote counts as `Vote::encode` writes them.
    pub votes: Option<String>,
    /// The quorum rule the record was frozen under; `None` while it is not frozen.
    pub record_quorum: Option<String>,
    /// When the meeting was first closed: the grace period for corrections counts from it.
    pub first_closed_at: Option<i64>,
}

pub async fn record_fields(conn: &mut Conn, id: i64) -> StoreResult<RecordFields> {
    Ok(sqlx::query_as("SELECT resolution, votes, record_quorum, first_closed_at FROM meetings WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .unwrap_or_default())
}

impl MeetingRow {
    pub fn kind(&self) -> MeetingKind {
        MeetingKind::from_code(&self.kind).unwrap_or(MeetingKind::General)
    }

    pub fn is_open(&self) -> bool {
        self.state == "open"
    }

    /// 列席: people at the meeting who are not expected members.
    pub fn observer_names(&self) -> Vec<String> {
        self.observers.as_deref().unwrap_or_default().lines().map(str::to_owned).collect()
    }
}

const COLUMNS: &str = "id, branch_id, kind, party_group, starts_at, place, topic, host, recorder, state, \
    created_by, closed_at, observers, announcement_id, roll_id";

fn select(filter: &str) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM meetings WHERE {filter} ORDER BY starts_at, id"))
}

/// What a new meeting is.
#[derive(Debug, Clone)]
pub struct NewMeeting<'a> {
    pub branch_id: i64,
    pub kind: MeetingKind,
    pub party_group: Option<&'a str>,
    pub starts_at: i64,
    pub place: &'a str,
    pub topic: &'a str,
    pub host: Option<&'a str>,
    pub created_by: i64,
}

pub async fn insert(conn: &mut Conn, m: &NewMeeting<'_>, now: i64) -> StoreResult<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO meetings (branch_id, kind, party_group, starts_at, place, topic, host, recorder, state,
                               created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, 'open', $8, $9) RETURNING id",
    )
    .bind(m.branch_id)
    .bind(m.kind.code())
    .bind(m.party_group)
    .bind(m.starts_at)
    .bind(m.place)
    .bind(m.topic)
    .bind(m.host)
    .bind(m.created_by)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

pub async fn get(conn: &mut Conn, id: i64) -> StoreResult<Option<MeetingRow>> {
    Ok(sqlx::query_as(select("id = $1")).bind(id).fetch_optional(conn).await?)
}

/// Open meetings of a branch, soonest first.
pub async fn open_of_branch(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<MeetingRow>> {
    Ok(sqlx::query_as(select("branch_id = $1 AND state = 'open'")).bind(branch_id).fetch_all(conn).await?)
}

/// Closed meetings of a branch starting in `[from, to)`.
pub async fn closed_between(
    conn: &mut Conn,
    branch_id: i64,
    from: i64,
    to: i64,
) -> StoreResult<Vec<MeetingRow>> {
    Ok(sqlx::query_as(select("branch_id = $1 AND state = 'closed' AND starts_at >= $2 AND starts_at < $3"))
        .bind(branch_id)
        .bind(from)
        .bind(to)
        .fetch_all(conn)
        .await?)
}

/// The meeting whose announcement or roll is Telegram message `message_id` in `chat_id`.
pub async fn by_message(conn: &mut Conn, chat_id: i64, message_id: i64) -> StoreResult<Option<MeetingRow>> {
    let sql = format!(
        "SELECT {} FROM meetings m JOIN outbox o ON o.id = m.announcement_id OR o.id = m.roll_id
         WHERE o.chat_id = $1 AND o.message_id = $2",
        COLUMNS.split(", ").map(|c| format!("m.{c}")).collect::<Vec<_>>().join(", ")
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(chat_id).bind(message_id).fetch_optional(conn).await?)
}

pub async fn set_messages(conn: &mut Conn, id: i64, announcement: i64, roll: i64) -> StoreResult<()> {
    sqlx::query("UPDATE meetings SET announcement_id = $2, roll_id = $3 WHERE id = $1")
        .bind(id)
        .bind(announcement)
        .bind(roll)
        .execute(conn)
        .await?;
    Ok(())
}

/// open → `state` (closed, cancelled); false when it was no longer open.
pub async fn finish(conn: &mut Conn, id: i64, state: &str, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE meetings SET state = $2, closed_at = $3, first_closed_at = COALESCE(first_closed_at, $3)
         WHERE id = $1 AND state = 'open'",
    )
    .bind(id)
    .bind(state)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// closed → open again, for the secretary to correct it; false when it was not closed.
pub async fn reopen(conn: &mut Conn, id: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "UPDATE meetings SET state = 'open', closed_at = NULL WHERE id = $1 AND state = 'closed'",
    )
    .bind(id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The quorum rule a frozen record keeps; `None` when the record is no longer frozen.
pub async fn set_record_quorum(conn: &mut Conn, id: i64, quorum: Option<Quorum>) -> StoreResult<()> {
    sqlx::query("UPDATE meetings SET record_quorum = $2 WHERE id = $1")
        .bind(id)
        .bind(quorum.map(Quorum::code))
        .execute(conn)
        .await?;
    Ok(())
}

/// A field of the record the secretary fills in or corrects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordField {
    Host,
    Recorder,
    Resolution,
    Votes,
}

impl RecordField {
    fn column(self) -> &'static str {
        match self {
            RecordField::Host => "host",
            RecordField::Recorder => "recorder",
            RecordField::Resolution => "resolution",
            RecordField::Votes => "votes",
        }
    }
}

pub async fn set_field(conn: &mut Conn, id: i64, field: RecordField, value: &str) -> StoreResult<()> {
    let sql = format!("UPDATE meetings SET {} = $2 WHERE id = $1", field.column());
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id).bind(value).execute(conn).await?;
    Ok(())
}

/// Removes a name from the 列席 list; false when it was not there.
pub async fn remove_observer(conn: &mut Conn, id: i64, name: &str) -> StoreResult<bool> {
    let Some(meeting) = get(conn, id).await? else { return Ok(false) };
    let mut names = meeting.observer_names();
    let before = names.len();
    names.retain(|n| n != name);
    if names.len() == before {
        return Ok(false);
    }
    let observers = if names.is_empty() { None } else { Some(names.join("\n")) };
    sqlx::query("UPDATE meetings SET observers = $2 WHERE id = $1")
        .bind(id)
        .bind(observers)
        .execute(conn)
        .await?;
    Ok(true)
}

/// The branch's meeting closed last, if any.
pub async fn last_closed(conn: &mut Conn, branch_id: i64) -> StoreResult<Option<MeetingRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM meetings WHERE branch_id = $1 AND state = 'closed'
         ORDER BY closed_at DESC, id DESC LIMIT 1"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(branch_id).fetch_optional(conn).await?)
}

pub async fn reschedule(conn: &mut Conn, id: i64, starts_at: i64) -> StoreResult<()> {
    sqlx::query("UPDATE meetings SET starts_at = $2 WHERE id = $1")
        .bind(id)
        .bind(starts_at)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn add_observer(conn: &mut Conn, id: i64, name: &str) -> StoreResult<()> {
    let Some(meeting) = get(conn, id).await? else { return Ok(()) };
    let mut names = meeting.observer_names();
    if !names.iter().any(|n| n == name) {
        names.push(name.to_owned());
    }
    sqlx::query("UPDATE meetings SET observers = $2 WHERE id = $1")
        .bind(id)
        .bind(names.join("\n"))
        .execute(conn)
        .await?;
    Ok(())
}

/// The branch's rules for every kind, seeding the defaults on first use.
pub async fn rules(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<KindRules>> {
    let mut rows = rule_rows(conn, branch_id).await?;
    if rows.len() < MeetingKind::ALL.len() {
        seed_default_rules(conn, branch_id).await?;
        rows = rule_rows(conn, branch_id).await?;
    }
    let mut rules = rows.into_iter().map(parse_rule).collect::<StoreResult<Vec<_>>>()?;
    rules.sort_by_key(|r| r.kind);
    Ok(rules)
}

/// A `meeting_kinds` row: kind, period, per_period, quorum, attendees, required.
pub type RuleRow = (String, String, i64, String, String, i64);

/// Reads one `meeting_kinds` row.
pub fn parse_rule((kind, period, per, quorum, attendees, required): RuleRow) -> StoreResult<KindRules> {
    let bad = || StoreError::Corrupt(format!("meeting kind row `{kind}`"));
    Ok(KindRules {
        kind: MeetingKind::from_code(&kind).ok_or_else(bad)?,
        period: Period::from_code(&period).ok_or_else(bad)?,
        per_period: u32::try_from(per).map_err(|_| bad())?,
        quorum: Quorum::from_code(&quorum).ok_or_else(bad)?,
        attendees: Attendees::from_code(&attendees).ok_or_else(bad)?,
        required: required != 0,
    })
}

async fn rule_rows(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<RuleRow>> {
    Ok(sqlx::query_as(
        "SELECT kind, period, per_period, quorum, attendees, required FROM meeting_kinds WHERE branch_id = $1",
    )
    .bind(branch_id)
    .fetch_all(conn)
    .await?)
}

/// Adds the default rules of the kinds the branch has no row for yet.
async fn seed_default_rules(conn: &mut Conn, branch_id: i64) -> StoreResult<()> {
    for kind in MeetingKind::ALL {
        let r = kind.default_rules();
        sqlx::query(
            "INSERT INTO meeting_kinds (branch_id, kind, period, per_period, quorum, attendees, required)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (branch_id, kind) DO NOTHING",
        )
        .bind(branch_id)
        .bind(kind.code())
        .bind(r.period.code())
        .bind(i64::from(r.per_period))
        .bind(r.quorum.code())
        .bind(r.attendees.code())
        .bind(i64::from(r.required))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn rules_of(conn: &mut Conn, branch_id: i64, kind: MeetingKind) -> StoreResult<KindRules> {
    let all = rules(conn, branch_id).await?;
    Ok(all.into_iter().find(|r| r.kind == kind).unwrap_or_else(|| kind.default_rules()))
}

/// Changes one kind's rules for a branch.
pub async fn set_rules(conn: &mut Conn, branch_id: i64, r: &KindRules) -> StoreResult<()> {
    rules(conn, branch_id).await?;
    sqlx::query(
        "UPDATE meeting_kinds SET period = $3, per_period = $4, quorum = $5, attendees = $6, required = $7
         WHERE branch_id = $1 AND kind = $2",
    )
    .bind(branch_id)
    .bind(r.kind.code())
    .bind(r.period.code())
    .bind(i64::from(r.per_period))
    .bind(r.quorum.code())
    .bind(r.attendees.code())
    .bind(i64::from(r.required))
    .execute(conn)
    .await?;
    Ok(())
}
