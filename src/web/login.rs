//! Logging in and out: the login form (with its own CSRF token, double-submitted through a
//! cookie), the password check with its rate limit, and the logout button's POST. The one-time
//! link through Telegram is `login_link`.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Form, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;
use serde::Deserialize;

use super::session::{self, LOGIN_CSRF_COOKIE, SESSION_COOKIE, Signed, cookie, same_token, set_cookie};
use super::{Shared, failed, layout};
use crate::app::office::{self, LoginOutcome, SESSION_MS};
use crate::texts::dashboard as words;
use crate::texts::login_link as link_words;

/// The login form, with a fresh CSRF token in a cookie and in the form; below it, the request
/// for a one-time link through Telegram (or why there is none).
pub(super) fn form_page(status: StatusCode, error: Option<&str>, links: bool) -> Response {
    let csrf = office::new_token();
    let body = html! {
        @if let Some(e) = error { p.error { (e) } }
        form method="post" action="/login" {
            input type="hidden" name="csrf" value=(csrf);
            p { label { (words::LOGIN_NAME) br; input type="text" name="login" autocomplete="username" required; } }
            p { label { (words::PASSWORD) br; input type="password" name="password" autocomplete="current-password" required; } }
            p { button type="submit" { (words::LOGIN_BUTTON) } }
        }
        h2 { (link_words::HEADING) }
        @if links {
            form method="post" action="/login/link" {
                input type="hidden" name="csrf" value=(csrf);
                p { (link_words::EXPLAIN) }
                p { label { (words::LOGIN_NAME) br; input type="text" name="login" autocomplete="username" required; } }
                p { button type="submit" { (link_words::BUTTON) } }
            }
        } @else {
            p { (link_words::OFF) }
        }
    };
    with_login_csrf(layout::bare(status, words::LOGIN_TITLE, body), &csrf)
}

/// The response with the pre-login CSRF cookie (double-submitted by the page's forms).
pub(super) fn with_login_csrf(mut response: Response, csrf: &str) -> Response {
    if let Ok(v) = set_cookie(LOGIN_CSRF_COOKIE, csrf, 3600).parse() {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// Whether the form's token is the one its page set in the pre-login cookie.
pub(super) fn login_csrf_ok(headers: &HeaderMap, posted: &str) -> bool {
    let expected = cookie(headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    same_token(posted, &expected)
}

/// Into the dashboard with a new session's cookie (the pre-login one is dropped).
pub(super) fn logged_in(token: &str) -> Response {
    let mut response = Redirect::to("/").into_response();
    let cookies =
        [set_cookie(SESSION_COOKIE, token, SESSION_MS / 1000), set_cookie(LOGIN_CSRF_COOKIE, "", 0)];
    for c in cookies {
        if let Ok(v) = c.parse() {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

pub async fn form(State(state): State<Shared>) -> Response {
    form_page(StatusCode::OK, None, state.public_url.is_some())
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    csrf: String,
}

pub async fn submit(
    State(state): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    let links = state.public_url.is_some();
    if !login_csrf_ok(&headers, &f.csrf) {
        return form_page(StatusCode::FORBIDDEN, Some(words::FORM_EXPIRED), links);
    }
    match office::log_in(&state.store, &f.login, &f.password, &peer.ip().to_string(), state.now()).await {
        Ok(LoginOutcome::LoggedIn { token, .. }) => logged_in(&token),
        Ok(LoginOutcome::WrongPassword) => {
            form_page(StatusCode::UNAUTHORIZED, Some(words::WRONG_PASSWORD), links)
        }
        Ok(LoginOutcome::TooMany) => {
            form_page(StatusCode::TOO_MANY_REQUESTS, Some(words::TOO_MANY_TRIES), links)
        }
        Err(e) => failed(e),
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

pub async fn log_out(State(state): State<Shared>, signed: Signed, Form(f): Form<CsrfForm>) -> Response {
    if !session::same_token(&f.csrf, &signed.csrf) {
        return layout::bare(
            StatusCode::FORBIDDEN,
            words::FORM_EXPIRED,
            html! { p { a href="/" { (words::BACK_HOME) } } },
        );
    }
    if let Err(e) = office::log_out(&state.store, &signed.token, signed.viewer.user_id, state.now()).await {
        return failed(e);
    }
    let mut response = Redirect::to("/login").into_response();
    if let Ok(v) = set_cookie(SESSION_COOKIE, "", 0).parse() {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}
