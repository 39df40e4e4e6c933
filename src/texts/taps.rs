//! Refusals of a button tapped where it does not belong: polite, saying that nothing was recorded
//! and whom to ask.

use crate::domain::tap_refusal::Refusal;

pub const GONE: &str = "这个按钮已经失效了，没有作任何记录。";
pub const NOT_THIS_GROUP: &str = "这个按钮不是本群支部的，没有作任何记录。请点本群消息下面的按钮。";
pub const NOT_YOUR_BRANCH: &str = "这个按钮不属于您所在的支部，没有作任何记录。如有疑问，请联系支部书记。";
pub const NOT_YOURS: &str = "这个按钮不是给您的，没有作任何记录。如有疑问，请联系支部书记。";
pub const NOT_SENT_YET: &str = "这条通报还没有发到这里，暂时不能点【收到】。收到通报后再点就可以。";

/// The short notice shown to whoever tapped.
pub fn refusal(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::Gone => GONE,
        Refusal::NotThisGroup => NOT_THIS_GROUP,
        Refusal::NotYourBranch => NOT_YOUR_BRANCH,
        Refusal::NotYours => NOT_YOURS,
        Refusal::NotSentYet => NOT_SENT_YET,
        Refusal::OnlyTheMember => super::admin::HEALTH_ONLY_THE_MEMBER,
    }
}
