//! `/committee 姓名 姓名…`: who sits on the 支委会 (for quorum), apart from bot powers.

use crate::app::context::Ctx;
use crate::app::{MemberLookup, admin, committee};
use crate::chat::handlers::admin::Admin;
use crate::domain::Role;
use crate::store::StoreResult;
use crate::texts::{admin as admin_words, member_edit as words};

pub async fn on_committee(ctx: &mut Ctx<'_>, who: Admin, args: &str) -> StoreResult<()> {
    if args.trim().is_empty() {
        let now = committee::current(ctx.tx, who.branch_id).await?;
        ctx.say_text(who.chat_id, words::committee_now(&now)).await?;
        return Ok(());
    }
    if who.role != Role::Secretary {
        ctx.say_text(who.chat_id, words::ONLY_SECRETARY_SETS_COMMITTEE).await?;
        return Ok(());
    }
    let mut members = Vec::new();
    let mut problems = Vec::new();
    for query in queries(args) {
        let name = query.split_whitespace().next().unwrap_or_default().to_owned();
        match admin::find_member(ctx.tx, who.branch_id, &query).await? {
            MemberLookup::Found(m)
                if !members.iter().any(|k: &crate::store::members::MemberRow| k.id == m.id) =>
            {
                members.push(*m)
            }
            MemberLookup::Found(_) => {}
            MemberLookup::NotFound => problems.push(admin_words::no_such_member(&name)),
            MemberLookup::Ambiguous(hints) => problems.push(admin_words::which_member(&name, &hints)),
        }
    }
    let text = if problems.is_empty() {
        let set = committee::set(ctx.tx, who.user_id, who.branch_id, &members, ctx.now).await?;
        words::committee_set(&set)
    } else {
        words::committee_unresolved(&problems)
    };
    ctx.say_text(who.chat_id, text).await?;
    Ok(())
}

/// Names, each with the phone tail or birth year written after it ("王建国 8013 李秀英").
fn queries(args: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in args.split([' ', '\u{3000}', '、', '，', ',', '\n']).filter(|w| !w.is_empty()) {
        match out.last_mut() {
            Some(last) if word.chars().all(|c| c.is_ascii_digit()) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => out.push(word.to_owned()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_tail_goes_with_the_name_before_it() {
        assert_eq!(queries("王建国 8013、李秀英，张德明"), vec!["王建国 8013", "李秀英", "张德明"]);
    }
}
