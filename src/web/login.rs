//! Logging in and out: the login form (with its own CSRF token, double-submitted through a
//! cookie), the password check with its rate limit, and the logout button's POST.

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

/// The login form, with a fresh CSRF token in a cookie and in the form.
fn form_page(status: StatusCode, error: Option<&str>) -> Response {
    let csrf = office::new_token();
    let body = html! {
        @if let Some(e) = error { p.error { (e) } }
        form method="post" action="/login" {
            input type="hidden" name="csrf" value=(csrf);
            p { label { (words::LOGIN_NAME) br; input type="text" name="login" autocomplete="username" required; } }
            p { label { (words::PASSWORD) br; input type="password" name="password" autocomplete="current-password" required; } }
            p { button type="submit" { (words::LOGIN_BUTTON) } }
        }
    };
    let mut response = layout::bare(status, words::LOGIN_TITLE, body);
    if let Ok(v) = set_cookie(LOGIN_CSRF_COOKIE, &csrf, 3600).parse() {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

pub async fn form() -> Response {
    form_page(StatusCode::OK, None)
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
    let expected = cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if !same_token(&f.csrf, &expected) {
        return form_page(StatusCode::FORBIDDEN, Some(words::FORM_EXPIRED));
    }
    match office::log_in(&state.store, &f.login, &f.password, &peer.ip().to_string(), state.now()).await {
        Ok(LoginOutcome::LoggedIn { token, .. }) => {
            let mut response = Redirect::to("/").into_response();
            let cookies =
                [set_cookie(SESSION_COOKIE, &token, SESSION_MS / 1000), set_cookie(LOGIN_CSRF_COOKIE, "", 0)];
            for c in cookies {
                if let Ok(v) = c.parse() {
                    response.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            response
        }
        Ok(LoginOutcome::WrongPassword) => form_page(StatusCode::UNAUTHORIZED, Some(words::WRONG_PASSWORD)),
        Ok(LoginOutcome::TooMany) => form_page(StatusCode::TOO_MANY_REQUESTS, Some(words::TOO_MANY_TRIES)),
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
