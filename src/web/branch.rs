//! A branch's page (its compliance lines, meetings with attendance counts, study rounds,
//! briefings) and its record book download, for a viewer of its district only.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::html;

use super::session::Signed;
use super::{Shared, failed, layout};
use crate::app::dashboard::{self, Viewer};
use crate::app::meetings::export::Format;
use crate::store::branches::BranchRow;
use crate::texts::dashboard as words;

/// The branch if the viewer may see it; otherwise the not-found answer.
async fn visible(state: &Shared, viewer: &Viewer, id: i64) -> Result<BranchRow, Response> {
    let mut conn = state.store.conn().await.map_err(failed)?;
    match dashboard::visible_branch(&mut conn, viewer, id).await {
        Ok(Some(b)) => Ok(b),
        Ok(None) => Err(layout::not_found()),
        Err(e) => Err(failed(e)),
    }
}

pub async fn page(State(state): State<Shared>, signed: Signed, Path(id): Path<i64>) -> Response {
    let branch = match visible(&state, &signed.viewer, id).await {
        Ok(b) => b,
        Err(answer) => return answer,
    };
    let loaded = async {
        let mut conn = state.store.conn().await?;
        dashboard::branch_page(&mut conn, &branch, state.now()).await
    };
    let p = match loaded.await {
        Ok(p) => p,
        Err(e) => return failed(e),
    };
    let body = html! {
        p { (p.district.as_deref().unwrap_or(words::NOT_REQUIRED)) " · " (words::members(p.members)) }
        h2 { (words::BRANCH_COMPLIANCE) }
        ul #compliance { @for line in &p.compliance { li { (line) } } }
        h2 { (words::RECORD_BOOK) }
        p {
            a.button #records-xlsx href={ "/branch/" (id) "/records.xlsx" } { (words::DOWNLOAD_XLSX) }
            a.button #records-html href={ "/branch/" (id) "/records.html" } { (words::PRINTABLE_HTML) }
        }
        p.note { (words::RECORD_BOOK_NOTE) }
        h2 { (words::BRANCH_MEETINGS) }
        div.scroll { table #meetings {
            thead { tr { th { (words::COL_DAY) } th { (words::COL_KIND) } th { (words::COL_STATE) } th { (words::COL_ATTENDANCE) } } }
            tbody { @for (_, kind, day, open, expected, present) in &p.meetings {
                tr { td { (words::day(*day)) } td { (kind) }
                     td { (if *open { words::OPEN } else { words::CLOSED }) }
                     td { (words::ratio(*present, *expected)) } }
            } }
        } }
        h2 { (words::BRANCH_STUDY) }
        div.scroll { table #study {
            thead { tr { th { (words::COL_DAY) } th { (words::COL_STUDIED) } } }
            tbody { @for (day, studied) in &p.study { tr { td { (words::day(*day)) } td { (words::ratio(*studied, p.members)) } } } }
        } }
        h2 { (words::BRANCH_BRIEFINGS) }
        div.scroll { table #briefings {
            thead { tr { th { (words::COL_DAY) } th { (words::COL_DELIVERED) } th { (words::COL_ACKED) } } }
            tbody { @for (day, sent, all, acks) in &p.briefings {
                tr { td { (words::day(*day)) } td { (words::ratio(*sent, *all)) } td { (words::ratio(*acks, p.members)) } }
            } }
        } }
    };
    layout::page(&p.name, &signed, body)
}

async fn records(state: Shared, signed: Signed, id: i64, format: Format) -> Response {
    let branch = match visible(&state, &signed.viewer, id).await {
        Ok(b) => b,
        Err(answer) => return answer,
    };
    let bytes = match dashboard::record_book(&state.store, &signed.viewer, &branch, format, state.now()).await
    {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(e)) => return failed(e),
        Err(e) => return failed(e),
    };
    let content_type = match format {
        Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format::Html => "text/html; charset=utf-8",
        Format::Csv => "text/csv; charset=utf-8",
    };
    let file = format!("records-{id}.{}", format.extension());
    let disposition = match format {
        Format::Html => format!("inline; filename=\"{file}\""),
        _ => format!("attachment; filename=\"{file}\""),
    };
    ([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response()
}

pub async fn records_xlsx(State(state): State<Shared>, signed: Signed, Path(id): Path<i64>) -> Response {
    records(state, signed, id, Format::Xlsx).await
}

pub async fn records_html(State(state): State<Shared>, signed: Signed, Path(id): Path<i64>) -> Response {
    records(state, signed, id, Format::Html).await
}
