//! Webhook mode, the alternative to long polling: Telegram posts each update to us; it is stored
//! in the inbox before we answer 200 (so Telegram retries anything we failed to keep). Requests
//! without the right `X-Telegram-Bot-Api-Secret-Token` are refused; the comparison takes the
//! same time whatever the guess, so the secret cannot be learnt by timing.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use serde_json::Value;
use subtle::ConstantTimeEq;
use tokio::sync::{Notify, watch};

use crate::app::leadership::until_stopped;
use crate::clock::{Clock, to_millis};
use crate::config::{Secret, WebhookSettings};
use crate::store::{self, Store};

pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";

pub struct Webhook {
    pub settings: WebhookSettings,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub inbox_ready: Arc<Notify>,
}

struct Shared {
    secret: Secret,
    store: Store,
    clock: Arc<dyn Clock>,
    inbox_ready: Arc<Notify>,
}

impl Webhook {
    /// Binds the listener first, so a wrong address fails the start instead of a worker.
    pub async fn bind(&self) -> std::io::Result<tokio::net::TcpListener> {
        tokio::net::TcpListener::bind(self.settings.listen).await
    }

    pub async fn serve(self, listener: tokio::net::TcpListener, stop: watch::Receiver<bool>) {
        let path = self.settings.url.path().to_owned();
        let shared = Arc::new(Shared {
            secret: self.settings.secret,
            store: self.store,
            clock: self.clock,
            inbox_ready: self.inbox_ready,
        });
        let app = Router::new().route(&path, post(receive)).with_state(shared);
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(until_stopped(stop)).await {
            tracing::error!(error = %e, "the webhook listener stopped");
        }
    }
}

async fn receive(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    if !bool::from(given.ct_eq(shared.secret.expose().as_bytes())) {
        return StatusCode::UNAUTHORIZED;
    }
    let Ok(update) = serde_json::from_slice::<Value>(&body) else { return StatusCode::BAD_REQUEST };
    let Some(update_id) = update.get("update_id").and_then(Value::as_i64) else {
        return StatusCode::BAD_REQUEST;
    };
    let now = to_millis(shared.clock.now());
    let stored = async {
        let mut conn = shared.store.conn().await?;
        store::inbox::insert(&mut conn, update_id, &update.to_string(), now).await
    };
    match stored.await {
        Ok(_) => {
            shared.inbox_ready.notify_one();
            StatusCode::OK
        }
        Err(e) => {
            tracing::error!(error = %e, "could not store a webhook update; Telegram will retry");
            StatusCode::INTERNAL_SERVER_ERROR
        }
    }
}
