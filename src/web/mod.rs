//! The superior office's web dashboard (`ZHIBU_DASHBOARD_LISTEN`, off by default): server-rendered
//! pages in Chinese behind a login. Every page but `/login` needs a live session; every POST
//! carries the session's CSRF token; a branch outside the viewer's district is answered exactly
//! like a branch that does not exist.

mod branch;
mod layout;
mod login;
mod login_link;
mod matrix;
mod overview;
mod session;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono_tz::Tz;
use tokio::sync::{Notify, watch};

use crate::app::leadership::until_stopped;
use crate::clock::{Clock, to_millis};
use crate::store::Store;

/// What every page handler reads.
pub struct Dashboard {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// Months of the overview's trends are counted in this zone (the default of new branches).
    pub timezone: Tz,
    /// The dashboard's public URL, for one-time login links sent to Telegram (`None`: none).
    pub public_url: Option<url::Url>,
    /// Woken when a login link's message is queued, so it goes at once.
    pub outbox_ready: Arc<Notify>,
}

type Shared = Arc<Dashboard>;

impl Dashboard {
    fn now(&self) -> i64 {
        to_millis(self.clock.now())
    }

    /// Every route of the dashboard.
    pub fn router(self) -> Router {
        Router::new()
            .route("/", get(matrix::page))
            .route("/overview", get(overview::page))
            .route("/branch/{id}", get(branch::page))
            .route("/branch/{id}/records.xlsx", get(branch::records_xlsx))
            .route("/branch/{id}/records.html", get(branch::records_html))
            .route("/login", get(login::form).post(login::submit))
            .route("/login/link", post(login_link::request))
            .route("/login/link/{token}", get(login_link::confirm).post(login_link::open))
            .route("/logout", post(login::log_out))
            .fallback(not_found)
            .layer(axum::middleware::map_response(safe_headers))
            .with_state(Arc::new(self))
    }

    /// Serves until `stop` turns true.
    pub async fn serve(self, listener: tokio::net::TcpListener, stop: watch::Receiver<bool>) {
        let app = self.router().into_make_service_with_connect_info::<SocketAddr>();
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(until_stopped(stop)).await {
            tracing::error!(error = %e, "the dashboard listener stopped");
        }
    }
}

/// Nothing is cached, framed, or loaded from elsewhere; no referrer leaves.
async fn safe_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let set = [
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'",
        ),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

async fn not_found() -> Response {
    layout::not_found()
}

/// Logs an error of ours and answers with a short apology.
fn failed(e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "a dashboard page failed");
    layout::server_error().into_response()
}
