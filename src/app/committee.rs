//! Who sits on the branch committee (支委会): the members whose presence counts toward a
//! committee meeting's quorum. Set apart from bot powers (`roles`, `/grant`): being on the
//! committee gives no powers, and powers put no one on the committee.

use crate::app::handover::MEMBER_POST;
use crate::app::standing::{self, StandingChange};
use crate::store::audit::Actor;
use crate::store::members::MemberRow;
use crate::store::{self, Conn, StoreResult};

/// Makes `members` the committee: those already on it keep their post, newcomers are 委员, the
/// others leave it. Returns the committee as it now stands (name, post).
pub async fn set(
    conn: &mut Conn,
    actor: i64,
    branch_id: i64,
    members: &[MemberRow],
    now: i64,
) -> StoreResult<Vec<(String, String)>> {
    let actor = Actor::Telegram(actor);
    for old in store::members::list(conn, branch_id).await? {
        if old.committee_post.is_some() && !members.iter().any(|m| m.id == old.id) {
            standing::change(conn, actor, &old, &StandingChange::Committee(None), now).await?;
        }
    }
    let mut committee = Vec::new();
    for member in members {
        let post = member.committee_post.clone().unwrap_or_else(|| MEMBER_POST.to_owned());
        if member.committee_post.is_none() {
            standing::change(conn, actor, member, &StandingChange::Committee(Some(post.clone())), now)
                .await?;
        }
        committee.push((member.name.clone(), post));
    }
    Ok(committee)
}

/// The committee as it stands (name, post).
pub async fn current(conn: &mut Conn, branch_id: i64) -> StoreResult<Vec<(String, String)>> {
    let members = store::members::list(conn, branch_id).await?;
    Ok(members.into_iter().filter_map(|m| m.committee_post.map(|post| (m.name, post))).collect())
}
