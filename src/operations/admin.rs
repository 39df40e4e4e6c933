//! The admin listener (`ZHIBU_ADMIN_LISTEN`, off by default): `GET /healthz` for supervisors and
//! load balancers, `GET /metrics` for Prometheus. It has no authentication: bind it to a private
//! address (127.0.0.1, a container network).

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::watch;

use crate::app::leadership::{TELEGRAM_LEASE, until_stopped};
use crate::clock::{Clock, to_millis};
use crate::operations::health::{self, Health, HealthFacts, Liveness, Receiving};
use crate::operations::metrics;
use crate::store::{self, Store};

/// How long `/healthz` waits for the database before calling it unreachable.
const DATABASE_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Admin {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub leader: watch::Receiver<bool>,
    pub liveness: Liveness,
    pub webhook_mode: bool,
    /// A poller silent for longer than this is stuck.
    pub stall_after_ms: i64,
}

impl Admin {
    pub async fn serve(self, listener: tokio::net::TcpListener, stop: watch::Receiver<bool>) {
        let app = Router::new()
            .route("/healthz", get(healthz))
            .route("/metrics", get(metrics))
            .with_state(Arc::new(self));
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(until_stopped(stop)).await {
            tracing::error!(error = %e, "the admin listener stopped");
        }
    }

    pub async fn health(&self) -> Health {
        let now = to_millis(self.clock.now());
        let read = tokio::time::timeout(DATABASE_TIMEOUT, async {
            let mut conn = self.store.conn().await?;
            sqlx::query_scalar::<_, i64>("SELECT 1").fetch_one(&mut *conn).await?;
            store::leases::holder(&mut conn, TELEGRAM_LEASE).await
        });
        let (database, lease) = match read.await {
            Ok(Ok(lease)) => (Ok(()), lease),
            Ok(Err(e)) => (Err(e.to_string()), None),
            Err(_) => (Err(format!("no answer within {} s", DATABASE_TIMEOUT.as_secs())), None),
        };
        let receiving = if self.webhook_mode {
            Receiving::Webhook { serving: self.liveness.is_webhook_serving() }
        } else {
            Receiving::Polling {
                last_poll_ms: self.liveness.last_poll_ms(),
                stall_after_ms: self.stall_after_ms,
            }
        };
        let leader = *self.leader.borrow();
        health::judge(&HealthFacts { now, database, lease, leader, receiving })
    }
}

async fn healthz(State(admin): State<Arc<Admin>>) -> Response {
    let health = admin.health().await;
    let status = if health.healthy { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, axum::Json(health)).into_response()
}

async fn metrics(State(admin): State<Arc<Admin>>) -> Response {
    let now = to_millis(admin.clock.now());
    let stats = async {
        let mut conn = admin.store.conn().await?;
        store::stats::queue_stats(&mut conn, now).await
    };
    match tokio::time::timeout(DATABASE_TIMEOUT, stats).await {
        Ok(Ok(stats)) => {
            let text = metrics::render(&stats, *admin.leader.borrow(), now);
            ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], text).into_response()
        }
        Ok(Err(e)) => {
            (StatusCode::SERVICE_UNAVAILABLE, format!("database unreachable: {e}\n")).into_response()
        }
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database did not answer\n").into_response(),
    }
}
