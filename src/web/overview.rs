//! The overview page: trends by month, reach, briefings, 换届 and quiet branches.

use axum::extract::{Query, State};
use axum::response::Response;
use maud::{Markup, html};

use super::matrix::Filters;
use super::session::Signed;
use super::{Shared, failed, layout};
use crate::app::dashboard::overview::{self, Overview};
use crate::texts::dashboard as words;

pub async fn page(State(state): State<Shared>, signed: Signed, Query(f): Query<Filters>) -> Response {
    let scope = signed.viewer.narrowed(f.district.as_deref());
    let loaded = async {
        let mut conn = state.store.conn().await?;
        overview::overview(&mut conn, scope, state.now(), state.timezone).await
    };
    match loaded.await {
        Ok(o) => layout::page(words::OVERVIEW_TITLE, &signed, body(&o)),
        Err(e) => failed(e),
    }
}

/// A bar `part/whole` of 200 pixels wide at most.
fn bar(part: i64, whole: i64) -> Markup {
    let width = if whole > 0 { part * 200 / whole } else { 0 };
    html! { span.bar style={ "width:" (width) "px" } {} " " }
}

fn body(o: &Overview) -> Markup {
    let (all, bound, refused) = o.reach;
    let (briefings, sent, deliveries, acks, members) = o.briefings;
    html! {
        p { (words::branches_shown(o.branches)) }
        h2 { (words::ATTENDANCE_TREND) }
        div.scroll { table #attendance {
            thead { tr { th { (words::COL_MONTH) } th { (words::COL_RATE) } } }
            tbody { @for (month, expected, present) in &o.attendance {
                tr { td { (words::month(*month)) } td { (bar(*present, *expected)) (words::ratio(*present, *expected)) } }
            } }
        } }
        h2 { (words::STUDY_TREND) }
        div.scroll { table #study {
            thead { tr { th { (words::COL_MONTH) } th { (words::COL_ROUNDS) } th { (words::COL_STUDIED) } } }
            tbody { @for (month, rounds, studied) in &o.study {
                tr { td { (words::month(*month)) } td { (rounds) } td { (studied) } }
            } }
        } }
        h2 { (words::REACH) }
        table #reach {
            tr { th { (words::REACH_ALL) } td { (all) } }
            tr { th { (words::REACH_BOUND) } td { (words::ratio(bound, all)) } }
            tr { th { (words::REACH_REFUSED) } td { (refused) } }
        }
        h2 { (words::UNREACHABLE_BY_BRANCH) }
        div.scroll { table #unreachable {
            thead { tr { th { (words::BRANCH) } th { (words::COL_COUNT) } } }
            tbody { @for (id, name, n) in &o.unreachable {
                tr { td { a href={ "/branch/" (id) } { (name) } } td { (n) } }
            } }
        } }
        h2 { (words::BRIEFINGS_MONTH) }
        table #briefings {
            tr { th { (words::BRIEFINGS_SENT) } td { (briefings) } }
            tr { th { (words::DELIVERY_RATE) } td { (words::ratio(sent, deliveries)) } }
            tr { th { (words::ACK_RATE) } td { (words::ratio(acks, members)) } }
        }
        h2 { (words::TERMS_ENDING) " " (words::count(o.terms_ending.len())) }
        div.scroll { table #terms {
            thead { tr { th { (words::BRANCH) } th { (words::COL_TERM_END) } } }
            tbody { @for (id, name, end) in &o.terms_ending {
                tr { td { a href={ "/branch/" (id) } { (name) } } td { (words::day(*end)) } }
            } }
        } }
        h2 { (words::INACTIVE) " " (words::count(o.inactive.len())) }
        p.note { (words::INACTIVE_NOTE) }
        ul #inactive { @for (id, name) in o.inactive.iter().take(200) { li { a href={ "/branch/" (id) } { (name) } } } }
    }
}
