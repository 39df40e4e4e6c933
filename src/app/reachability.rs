//! When Telegram refuses a chat for good (blocked, never started, removed from the group), the
//! branch's administrators are told once, so a person can follow up face to face.

use crate::app::binding::admin_ids;
use crate::domain::outgoing::Outgoing;
use crate::store::outbox::Delivery;
use crate::store::{self, Conn, StoreError, StoreResult};
use crate::texts::delivery as words;

/// Queues a notice to the administrators of the branch the chat belongs to.
pub async fn tell_admins(conn: &mut Conn, chat_id: i64, now: i64) -> StoreResult<()> {
    let mut notices: Vec<(i64, String)> = Vec::new();
    if let Some(branch) = store::branches::by_group_chat(conn, chat_id).await? {
        for admin in admin_ids(conn, branch.id).await? {
            notices.push((admin, words::group_unreachable(&branch.name)));
        }
    }
    for member in store::members::by_telegram_user(conn, chat_id).await? {
        for admin in admin_ids(conn, member.branch_id).await? {
            notices.push((admin, words::member_unreachable(&member.name)));
        }
    }
    for (admin, text) in notices {
        if admin == chat_id {
            continue;
        }
        let body =
            serde_json::to_string(&Outgoing::text(text)).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let key = format!("unreachable:{chat_id}:{now}:{admin}");
        let delivery =
            Delivery { dedupe_key: Some(&key), topic: Some("reachability"), ..Delivery::default() };
        store::outbox::enqueue(conn, admin, &body, now, &delivery).await?;
    }
    Ok(())
}
