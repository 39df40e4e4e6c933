//! The front page: the compliance matrix, filtered by district and period, sorted by what is
//! most overdue.

use axum::extract::{Query, State};
use axum::response::Response;
use maud::{Markup, html};
use serde::Deserialize;

use super::session::Signed;
use super::{Shared, failed, layout};
use crate::app::dashboard;
use crate::app::dashboard::matrix::{self, BranchRow};
use crate::app::meetings::report::standing_lines;
use crate::domain::meeting::{MeetingKind, PeriodStatus};
use crate::store;
use crate::texts::dashboard as words;

#[derive(Debug, Default, Deserialize)]
pub struct Filters {
    pub district: Option<String>,
    pub period: Option<String>,
    pub sort: Option<String>,
}

pub async fn page(State(state): State<Shared>, signed: Signed, Query(f): Query<Filters>) -> Response {
    let scope = signed.viewer.narrowed(f.district.as_deref());
    let loaded = async {
        let mut conn = state.store.conn().await?;
        let rows = matrix::matrix(&mut conn, scope, state.now()).await?;
        let districts = dashboard::districts_to_choose(&mut conn, &signed.viewer).await?;
        Ok::<_, store::StoreError>((rows, districts))
    };
    let (mut rows, districts) = match loaded.await {
        Ok(loaded) => loaded,
        Err(e) => return failed(e),
    };
    let period = f.period.as_deref().filter(|p| words::PERIODS.iter().any(|(c, _)| c == p)).unwrap_or("all");
    let by_name = f.sort.as_deref() == Some("name");
    if !by_name {
        rows.sort_by(|a, b| b.urgency().cmp(&a.urgency()).then(a.branch.id.cmp(&b.branch.id)));
    }
    let kinds: Vec<MeetingKind> = MeetingKind::ALL
        .into_iter()
        .filter(|k| {
            rows.iter().any(|r| r.cell(*k).is_some_and(|c| period == "all" || c.period.code() == period))
        })
        .collect();
    let body = html! {
        (filters(&districts, scope.district, period, by_name))
        p { (words::branches_shown(rows.len())) }
        @if rows.is_empty() { p { (words::NO_BRANCHES) } } @else {
            div.scroll { table #matrix {
                thead { tr { th { (words::BRANCH) } th { (words::FILTER_DISTRICT) } @for k in &kinds { th { (k.name_cn()) } } } }
                tbody { @for r in &rows { (row(r, &kinds)) } }
            } }
        }
    };
    layout::page(words::MATRIX_TITLE, &signed, body)
}

fn filters(districts: &[String], chosen: Option<&str>, period: &str, by_name: bool) -> Markup {
    html! {
        form.filters method="get" action="/" {
            @if !districts.is_empty() {
                label { (words::FILTER_DISTRICT) " "
                    select name="district" {
                        option value="" { (words::ALL_DISTRICTS) }
                        @for d in districts { option value=(d) selected[chosen == Some(d.as_str())] { (d) } }
                    }
                }
            }
            label { (words::FILTER_PERIOD) " "
                select name="period" {
                    @for (code, name) in words::PERIODS { option value=(code) selected[period == code] { (name) } }
                }
            }
            label { (words::SORT) " "
                select name="sort" {
                    option value="overdue" selected[!by_name] { (words::SORT_OVERDUE) }
                    option value="name" selected[by_name] { (words::SORT_NAME) }
                }
            }
            button type="submit" { (words::APPLY) }
        }
    }
}

fn row(r: &BranchRow, kinds: &[MeetingKind]) -> Markup {
    html! {
        tr data-branch=(r.branch.id) {
            td { a href={ "/branch/" (r.branch.id) } { (r.branch.name) } }
            td { (r.branch.district.as_deref().unwrap_or(words::NOT_REQUIRED)) }
            @for k in kinds {
                @match r.cell(*k) {
                    Some(c) => {
                        td class=(class(c)) data-kind=(k.code()) title=(detail(c)) {
                            (words::status_cell(c.now))
                            @if c.last_overdue { br; small { (words::LAST_PERIOD_MISSED) } }
                        }
                    }
                    None => td data-kind=(k.code()) { (words::NOT_REQUIRED) },
                }
            }
        }
    }
}

/// The cell's obligations in the very lines of `zhibu report`, one a line.
fn detail(c: &matrix::Cell) -> String {
    c.parts.iter().flat_map(|(o, standing)| standing_lines(o, *standing)).collect::<Vec<_>>().join("\n")
}

/// Red when overdue, or still due after the last period closed without it.
fn class(c: &matrix::Cell) -> &'static str {
    match c.now {
        PeriodStatus::Done { .. } => "done",
        PeriodStatus::Due { .. } if !c.last_overdue => "due",
        PeriodStatus::Due { .. } | PeriodStatus::Overdue => "overdue",
    }
}
