//! One member added or changed from chat (`/member`): the same tables and the same standing door
//! (`app::standing`) as the roster import and the command line, audited as the secretary's.

use crate::domain::audit_action::AuditAction;
use chrono::NaiveDate;

use crate::app::{MemberLookup, admin, branches, standing};
use crate::domain::member_edit::{Change, MemberEdit};
use crate::domain::member_standing::{StandingChange, Status};
use crate::domain::roster::MemberFields;
use crate::store::audit::Actor;
use crate::store::{self, Conn, StoreResult};

#[derive(Debug)]
pub enum Edited {
    Added {
        name: String,
    },
    Changed {
        name: String,
        change: Change,
        since: Option<NaiveDate>,
    },
    NotFound {
        name: String,
    },
    /// Namesakes: the hints tell them apart.
    Ambiguous {
        name: String,
        hints: Vec<String>,
    },
    /// The phone belongs to another member of the branch.
    PhoneTaken {
        by: String,
    },
    /// Adding a name the roster has already, without a phone to tell them apart.
    NameTaken {
        name: String,
    },
}

pub async fn apply(
    conn: &mut Conn,
    actor: i64,
    branch_id: i64,
    edit: MemberEdit,
    now: i64,
) -> StoreResult<Edited> {
    let tz = branches::branch_tz(conn, branch_id).await?;
    let today = branches::local(now, tz).date_naive();
    match edit {
        MemberEdit::Add { name, phone, party_group } => {
            let phone = phone.map(|p| p.as_str().to_owned());
            if let Some(p) = &phone
                && let Some(other) = store::members::by_phone(conn, branch_id, p).await?
            {
                return Ok(Edited::PhoneTaken { by: other.name });
            }
            if phone.is_none() && !store::members::by_name(conn, branch_id, &name).await?.is_empty() {
                return Ok(Edited::NameTaken { name });
            }
            let fields = MemberFields {
                name: name.clone(),
                gender: None,
                birth_date: None,
                joined_on: None,
                membership: Status::Full.code().to_owned(),
                retirement: None,
                party_group,
                phone,
                contact_name: None,
                note: None,
            };
            let id = store::members::insert(conn, branch_id, &fields, now).await?;
            store::standing::set_joined(conn, id, Some(today)).await?;
            store::audit::record(
                conn,
                Some(branch_id),
                Actor::Telegram(actor),
                AuditAction::MemberAdd,
                &name,
                now,
            )
            .await?;
            Ok(Edited::Added { name })
        }
        MemberEdit::Change { who, change } => {
            let name = who.split_whitespace().next().unwrap_or_default().to_owned();
            let member = match admin::find_member(conn, branch_id, &who).await? {
                MemberLookup::Found(member) => *member,
                MemberLookup::NotFound => return Ok(Edited::NotFound { name }),
                MemberLookup::Ambiguous(hints) => return Ok(Edited::Ambiguous { name, hints }),
            };
            let mut fields = member.fields();
            let since = match &change {
                Change::Phone(phone) => {
                    let taken = store::members::by_phone(conn, branch_id, phone.as_str()).await?;
                    if let Some(other) = taken.filter(|o| o.id != member.id) {
                        return Ok(Edited::PhoneTaken { by: other.name });
                    }
                    fields.phone = Some(phone.as_str().to_owned());
                    None
                }
                Change::PartyGroup(group) => {
                    fields.party_group = Some(group.clone());
                    None
                }
                Change::Contact(contact) => {
                    fields.contact_name = contact.clone();
                    None
                }
                Change::Status { status, since } => {
                    let since = since.unwrap_or(today);
                    let change = StandingChange::Status { status: *status, since };
                    standing::change(conn, Actor::Telegram(actor), &member, &change, now).await?;
                    if matches!(status, Status::Full | Status::Probationary) {
                        fields.membership = status.code().to_owned();
                    }
                    Some(since)
                }
            };
            if fields != member.fields() {
                crate::app::meetings::record::freeze_unfrozen(conn, branch_id).await?;
                store::members::update(conn, member.id, &fields, now).await?;
                let detail = format!("#{} {}", member.id, member.name);
                store::audit::record(
                    conn,
                    Some(branch_id),
                    Actor::Telegram(actor),
                    AuditAction::MemberEdit,
                    &detail,
                    now,
                )
                .await?;
            }
            Ok(Edited::Changed { name: member.name, change, since })
        }
    }
}
