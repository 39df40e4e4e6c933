//! Forgetting a member (PIPL's deletion on request): one transaction that anonymises their
//! name in past records (every count stays), takes away every power their Telegram account
//! held, deletes what existed only because of them, empties what they said and what was sent
//! to them, and replaces their name and phone wherever any table still holds them.

use crate::domain::audit_action::AuditAction;
use crate::store::{self, Conn, Store, StoreResult, audit::Actor, members::MemberRow};
use crate::texts::{cli as cli_words, record};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForgetOutcome {
    Forgotten {
        /// Roles their Telegram account lost.
        roles_revoked: u64,
        /// Stored updates they took part in, emptied.
        updates_emptied: u64,
        /// Cells anywhere else where their name or phone was replaced.
        cells_scrubbed: u64,
        /// Another member's name or phone contains theirs (two 王建国): that word was left in
        /// free text, where it cannot be told whose it is; their own rows hold it no more.
        shared_with_others: bool,
    },
    /// No such member, or already forgotten.
    NotFound,
}

/// The one door for erasure: the CLI (and any chat path) calls this.
pub async fn forget_member(
    store: &Store,
    member_id: i64,
    actor: Actor,
    now: i64,
) -> StoreResult<ForgetOutcome> {
    let mut tx = store.begin_write().await?;
    let outcome = forget_in(&mut tx, member_id, actor, now).await?;
    if outcome != ForgetOutcome::NotFound {
        tx.commit().await?;
    }
    Ok(outcome)
}

/// The same, inside a transaction already open (a secretary's tap in chat).
pub async fn forget_in(
    conn: &mut Conn,
    member_id: i64,
    actor: Actor,
    now: i64,
) -> StoreResult<ForgetOutcome> {
    let Some(member) = store::members::get(conn, member_id).await?.filter(|m| m.forgotten_at.is_none())
    else {
        return Ok(ForgetOutcome::NotFound);
    };
    super::meetings::record::erase_name(conn, member.branch_id, member.id).await?;
    let said_of_them = free_text_about(conn, member.id).await?;
    store::erasure::delete_member_rows(conn, member.id).await?;
    let waiting = [super::leave_for::LEAVE_FOR, super::makeup_for::MAKEUP, super::visits::VISIT];
    store::erasure::delete_waiting_lines(conn, member.branch_id, &waiting).await?;
    let (mut roles_revoked, mut updates_emptied) = (0, 0);
    if let Some(user_id) = member.telegram_user_id {
        roles_revoked = store::erasure::revoke_every_role(conn, user_id).await?;
        store::erasure::delete_account_rows(conn, user_id).await?;
        store::erasure::empty_messages_to(conn, user_id, "member forgotten").await?;
        updates_emptied = store::erasure::empty_updates_of(conn, user_id).await?;
    }
    store::members::forget(conn, member.id, cli_words::FORGOTTEN_NAME, now).await?;
    let mut pairs = Vec::new();
    let mut shared_with_others = false;
    let replacements = replacements(&member);
    for (word, with) in &replacements {
        if store::erasure::others_hold(conn, member.id, word).await? {
            shared_with_others = true;
        } else {
            pairs.push((word.as_str(), *with));
        }
    }
    let mut cells_scrubbed = store::scrub::replace_everywhere(conn, &pairs).await?;
    let echoes: Vec<(&str, &str)> = said_of_them.iter().map(|(w, with)| (w.as_str(), *with)).collect();
    cells_scrubbed += store::scrub::replace_in_messages(conn, &echoes).await?;
    let detail = format!("#{}", member.id);
    store::audit::record(conn, Some(member.branch_id), actor, AuditAction::MemberForget, &detail, now)
        .await?;
    Ok(ForgetOutcome::Forgotten { roles_revoked, updates_emptied, cells_scrubbed, shared_with_others })
}

/// Shorter free text is too likely to be someone else's words as well.
const FREE_TEXT_MIN_CHARS: usize = 4;

/// What was written about the member in free text — views heard at their make-up, notes of
/// visits to them — as the chat's stored updates and sent messages may echo it (plain and as
/// JSON writes it), each with what replaces it.
async fn free_text_about(conn: &mut Conn, member_id: i64) -> StoreResult<Vec<(String, &'static str)>> {
    let mut texts = store::makeups::views_of_member(conn, member_id).await?;
    texts.extend(store::visits::of_member(conn, member_id).await?.into_iter().filter_map(|v| v.notes));
    let words: Vec<(String, &'static str)> = texts
        .into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| t.chars().count() >= FREE_TEXT_MIN_CHARS)
        .map(|t| (t, record::ERASED_TEXT))
        .collect();
    Ok(with_json_forms(words))
}

/// The words, and each as JSON writes it inside a string when that differs.
fn with_json_forms(mut words: Vec<(String, &'static str)>) -> Vec<(String, &'static str)> {
    let json_forms: Vec<_> = words
        .iter()
        .filter_map(|(word, with)| {
            let json = serde_json::to_string(word).ok()?;
            let inner = json[1..json.len() - 1].to_owned();
            (inner != *word).then_some((inner, *with))
        })
        .collect();
    words.extend(json_forms);
    words
}

/// The member's name and phone as any table may hold them (plain, and as JSON writes them),
/// each with what replaces it.
fn replacements(member: &MemberRow) -> Vec<(String, &'static str)> {
    let mut words = Vec::new();
    let name = member.name.trim();
    if !name.is_empty() {
        words.push((name.to_owned(), record::ERASED_NAME));
    }
    if let Some(phone) = member.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        words.push((phone.to_owned(), record::ERASED_PHONE));
    }
    with_json_forms(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, phone: Option<&str>) -> MemberRow {
        MemberRow {
            id: 1,
            branch_id: 1,
            name: name.to_owned(),
            gender: None,
            birth_date: None,
            joined_on: None,
            membership: "full".to_owned(),
            retirement: None,
            party_group: None,
            phone: phone.map(str::to_owned),
            contact_name: None,
            note: None,
            telegram_user_id: None,
            forgotten_at: None,
            branch_joined_on: None,
            committee_post: None,
        }
    }

    #[test]
    fn name_and_phone_are_replaced_as_written_and_as_json_writes_them() {
        let plain = replacements(&member(" 马凤英 ", Some("13800138014")));
        assert_eq!(
            plain,
            [("马凤英".to_owned(), record::ERASED_NAME), ("13800138014".to_owned(), record::ERASED_PHONE)]
        );
        let quoted = replacements(&member("马\"凤英", None));
        assert_eq!(
            quoted,
            [("马\"凤英".to_owned(), record::ERASED_NAME), ("马\\\"凤英".to_owned(), record::ERASED_NAME)]
        );
    }
}
