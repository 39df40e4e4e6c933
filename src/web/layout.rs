//! The page frame every dashboard page shares: title, navigation, the logout button (a POST
//! form with the CSRF token) and the inline style, readable on a laptop and on a phone.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use super::session::Signed;
use crate::texts::dashboard as words;

const STYLE: &str = "
body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;font-size:18px;margin:0;color:#222;background:#f7f7f7}
header{background:#b71c1c;color:#fff;padding:10px 16px;display:flex;flex-wrap:wrap;gap:12px;align-items:center}
header a{color:#fff;font-weight:bold;text-decoration:none;padding:6px 10px;border-radius:6px;background:#c62828}
header .who{margin-left:auto}
main{padding:12px 16px}
h1{font-size:24px}h2{font-size:20px;margin-top:24px}
.scroll{overflow-x:auto;background:#fff}
table{border-collapse:collapse;min-width:100%}
th,td{border:1px solid #ccc;padding:6px 8px;text-align:left;white-space:nowrap}
th{background:#eee;position:sticky;top:0}
td.done{background:#e8f5e9}td.due{background:#fff8e1}td.overdue{background:#ffebee;font-weight:bold}
form.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:12px}
select,input,button{font-size:18px;padding:6px 10px}
button{background:#b71c1c;color:#fff;border:0;border-radius:6px;cursor:pointer}
.error{color:#b71c1c;font-weight:bold}
.note{color:#555;font-size:16px}
a.button{display:inline-block;margin:4px 8px 4px 0;padding:8px 14px;background:#1565c0;color:#fff;border-radius:6px;text-decoration:none}
.bar{display:inline-block;height:12px;background:#1565c0;vertical-align:middle}
";

/// A page inside the frame, for a signed-in viewer.
pub fn page(title: &str, signed: &Signed, body: Markup) -> Response {
    let who = words::signed_in_as(&signed.viewer.login, signed.viewer.district.as_deref());
    Html(
        html! {
            (DOCTYPE)
            html lang="zh-CN" {
                head { (head(title)) }
                body {
                    header {
                        strong { (words::PRODUCT) }
                        a href="/" { (words::NAV_MATRIX) }
                        a href="/overview" { (words::NAV_OVERVIEW) }
                        span.who { (who) }
                        form method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(signed.csrf);
                            button type="submit" { (words::LOGOUT_BUTTON) }
                        }
                    }
                    main { h1 { (title) } (body) }
                }
            }
        }
        .into_string(),
    )
    .into_response()
}

fn head(title: &str) -> Markup {
    html! {
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        title { (title) " · " (words::PRODUCT) }
        style { (maud::PreEscaped(STYLE)) }
    }
}

/// A page outside the frame (login, errors).
pub fn bare(status: StatusCode, title: &str, body: Markup) -> Response {
    let doc = html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head { (head(title)) }
            body {
                header { strong { (words::PRODUCT) } }
                main { h1 { (title) } (body) }
            }
        }
    };
    (status, Html(doc.into_string())).into_response()
}

/// The same answer for a page that does not exist and one outside the viewer's district.
pub fn not_found() -> Response {
    bare(StatusCode::NOT_FOUND, words::NOT_FOUND, html! { p { a href="/" { (words::BACK_HOME) } } })
}

pub fn server_error() -> Response {
    bare(
        StatusCode::INTERNAL_SERVER_ERROR,
        words::SERVER_ERROR,
        html! { p { a href="/" { (words::BACK_HOME) } } },
    )
}
