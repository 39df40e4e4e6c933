//! The one-time login link through Telegram: the login page's request (answered alike whether
//! or not the account exists), and the link itself. Opening the link shows a button; the button's
//! POST uses the link up and logs in, so a link preview or a scanner that fetches it uses nothing,
//! and the session cookie (SameSite=Strict) is set by a request of this very site.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Form, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use maud::html;
use serde::Deserialize;

use super::login::{form_page, logged_in, login_csrf_ok, with_login_csrf};
use super::{Shared, failed, layout};
use crate::app::office::{self, LoginOutcome};
use crate::app::office_link::{self, LinkRequest, LinkState};
use crate::texts::dashboard as words;
use crate::texts::login_link as link_words;

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    csrf: String,
}

/// A page of one sentence with the way back to the login form.
fn told(status: StatusCode, title: &str, sentence: &str) -> Response {
    layout::bare(
        status,
        title,
        html! { p { (sentence) } p { a href="/login" { (link_words::BACK_TO_LOGIN) } } },
    )
}

pub async fn request(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<LinkForm>,
) -> Response {
    let Some(base) = &state.public_url else {
        return form_page(StatusCode::NOT_FOUND, Some(link_words::OFF), false);
    };
    if !login_csrf_ok(&headers, &f.csrf) {
        return form_page(StatusCode::FORBIDDEN, Some(words::FORM_EXPIRED), true);
    }
    match office_link::request(&state.store, &f.login, &peer.ip().to_string(), base, state.now()).await {
        Ok(LinkRequest::Answered) => {
            state.outbox_ready.notify_one();
            told(StatusCode::OK, link_words::HEADING, link_words::ANSWERED)
        }
        Ok(LinkRequest::TooMany) => {
            form_page(StatusCode::TOO_MANY_REQUESTS, Some(link_words::TOO_MANY), true)
        }
        Err(e) => failed(e),
    }
}

/// The link opened: a button that logs in, or why the link no longer does.
pub async fn confirm(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
) -> Response {
    match office_link::check(&state.store, &token, &peer.ip().to_string(), state.now()).await {
        Ok(LinkState::Live) => {
            let csrf = office::new_token();
            let body = html! {
                form method="post" action={ "/login/link/" (token) } {
                    input type="hidden" name="csrf" value=(csrf);
                    p { (link_words::CONFIRM) }
                    p { button type="submit" { (link_words::CONFIRM_BUTTON) } }
                }
            };
            with_login_csrf(layout::bare(StatusCode::OK, link_words::CONFIRM_TITLE, body), &csrf)
        }
        Ok(LinkState::Gone) => told(StatusCode::GONE, link_words::CONFIRM_TITLE, link_words::INVALID),
        Ok(LinkState::TooMany) => too_many_opens(),
        Err(e) => failed(e),
    }
}

pub async fn open(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(f): Form<LinkForm>,
) -> Response {
    if !login_csrf_ok(&headers, &f.csrf) {
        return told(StatusCode::FORBIDDEN, link_words::CONFIRM_TITLE, words::FORM_EXPIRED);
    }
    match office_link::open(&state.store, &token, &peer.ip().to_string(), state.now()).await {
        Ok(Some(LoginOutcome::LoggedIn { token, .. })) => logged_in(&token),
        Ok(Some(LoginOutcome::TooMany)) => too_many_opens(),
        Ok(_) => told(StatusCode::GONE, link_words::CONFIRM_TITLE, link_words::INVALID),
        Err(e) => failed(e),
    }
}

/// Too many links that were not good opened from this address lately.
fn too_many_opens() -> Response {
    told(StatusCode::TOO_MANY_REQUESTS, link_words::CONFIRM_TITLE, link_words::OPEN_TOO_MANY)
}
