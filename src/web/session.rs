//! The session cookie: read on every request (no session, no page: the browser is sent to the
//! login form), written at login (HttpOnly, Secure, SameSite=Strict), and the CSRF token every
//! form posts back.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use subtle::ConstantTimeEq;

use super::Shared;
use crate::app::dashboard::Viewer;
use crate::app::office;

pub const SESSION_COOKIE: &str = "zhibu_session";
/// Before login: the token the login form posts back (double-submit), so no other site can log a
/// browser in to an account of its choosing.
pub const LOGIN_CSRF_COOKIE: &str = "zhibu_login_csrf";

/// A request with a live session.
pub struct Signed {
    pub viewer: Viewer,
    pub token: String,
    pub csrf: String,
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// `Set-Cookie` for a cookie only this site's pages send back, never script-readable.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64) -> String {
    format!("{name}={value}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={max_age_secs}")
}

/// Whether two tokens are equal, in constant time.
pub fn same_token(a: &str, b: &str) -> bool {
    !a.is_empty() && a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

impl FromRequestParts<Shared> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> Result<Self, Self::Rejection> {
        let to_login = || Redirect::to("/login").into_response();
        let Some(token) = cookie(&parts.headers, SESSION_COOKIE) else { return Err(to_login()) };
        match office::session(&state.store, &token, state.now()).await {
            Ok(Some(s)) => Ok(Signed {
                viewer: Viewer { user_id: s.user_id, login: s.login, district: s.district },
                token,
                csrf: s.csrf_token,
            }),
            Ok(None) => Err(to_login()),
            Err(e) => Err(super::failed(e)),
        }
    }
}
