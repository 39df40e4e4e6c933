//! Builds the application from settings and runs it until told to stop. `main` and the tests
//! build the very same thing; tests only pass other settings (a temp database, a fake Bot API).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};

use crate::app::leadership::{Leadership, instance_name};
use crate::app::scheduler::Scheduler;
use crate::chat::processor::Processor;
use crate::clock::{Clock, to_millis};
use crate::config::Settings;
use crate::domain::flood::FloodGuard;
use crate::domain::holiday_calendar::HolidayCalendar;
use crate::domain::outgoing::{MenuScope, Outgoing};
use crate::operations::admin::Admin;
use crate::operations::health::Liveness;
use crate::operations::retention::Retention;
use crate::store::{self, Store};
use crate::telegram::pacing::Limits;
use crate::telegram::{self, button_answers::ButtonAnswers, poller::Poller, sender::Sender};
use crate::texts::commands;

pub struct Application {
    settings: Settings,
    store: Store,
    clock: Arc<dyn Clock>,
    wakers: Wakers,
    /// The admin listener (`/healthz`, `/metrics`), bound at build so a wrong address fails early.
    admin: Option<tokio::net::TcpListener>,
    /// The office dashboard's listener, bound at build for the same reason.
    dashboard: Option<tokio::net::TcpListener>,
}

/// Handles that wake the workers early: tests that move a manual clock use them instead of
/// waiting for the next periodic look.
#[derive(Clone, Default)]
pub struct Wakers {
    pub inbox_ready: Arc<Notify>,
    pub outbox_ready: Arc<Notify>,
    pub buttons_ready: Arc<Notify>,
    pub jobs_changed: Arc<Notify>,
}

impl Wakers {
    /// Wakes every worker once (after the clock moved, say).
    pub fn wake_all(&self) {
        self.inbox_ready.notify_one();
        self.outbox_ready.notify_one();
        self.buttons_ready.notify_one();
        self.jobs_changed.notify_one();
    }
}

/// Bumped when the menu changes, so each version is set once.
const MENU_KEY: &str = "menu:everyone:v1";

impl Application {
    /// Opens (and migrates) the database and binds the admin listener, if any.
    pub async fn build(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Application> {
        let store = Store::open(&settings.database_url).await?;
        let admin = match settings.admin_listen {
            Some(addr) => Some(
                tokio::net::TcpListener::bind(addr)
                    .await
                    .map_err(|e| anyhow::anyhow!("cannot listen on ZHIBU_ADMIN_LISTEN={addr}: {e}"))?,
            ),
            None => None,
        };
        let dashboard = match settings.dashboard_listen {
            Some(addr) => Some(
                tokio::net::TcpListener::bind(addr)
                    .await
                    .map_err(|e| anyhow::anyhow!("cannot listen on ZHIBU_DASHBOARD_LISTEN={addr}: {e}"))?,
            ),
            None => None,
        };
        Ok(Application { settings, store, clock, wakers: Wakers::default(), admin, dashboard })
    }

    /// Where `/healthz` and `/metrics` are served, if anywhere.
    pub fn admin_addr(&self) -> Option<std::net::SocketAddr> {
        self.admin.as_ref().and_then(|listener| listener.local_addr().ok())
    }

    /// Where the office dashboard is served, if anywhere.
    pub fn dashboard_addr(&self) -> Option<std::net::SocketAddr> {
        self.dashboard.as_ref().and_then(|listener| listener.local_addr().ok())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn wakers(&self) -> Wakers {
        self.wakers.clone()
    }

    /// Runs the bot until `shutdown` resolves, then stops its workers cleanly: a send in flight
    /// finishes and is recorded, nothing is left half-done.
    pub async fn run_until(mut self, shutdown: impl Future<Output = ()>) -> anyhow::Result<()> {
        let token = self.settings.require_token()?.clone();
        let api_url = self.settings.api_url.as_ref();
        let poll_timeout = self.settings.poll_timeout_secs;
        let poll_bot = telegram::bot(&token, api_url, Duration::from_secs(u64::from(poll_timeout) + 15));
        let send_timeout = Duration::from_secs(u64::from(self.settings.send_timeout_secs));
        let send_bot = telegram::bot(&token, api_url, send_timeout);

        let username = telegram::who_am_i(&send_bot, 30).await?;
        self.remember_username(&username).await?;
        tracing::info!(bot = %username, "connected to the Bot API");
        let today = self.clock.now().with_timezone(&self.settings.timezone).date_naive();
        if let Some(year) = HolidayCalendar::china().missing_next_year(today) {
            tracing::warn!(
                year,
                "next year's public holidays are not in the holiday calendar yet: those days will not be \
                 days off until src/domain/holiday_calendar/china.txt has them (see `zhibu check`)"
            );
        }

        let Wakers { inbox_ready, outbox_ready, buttons_ready, jobs_changed } = self.wakers.clone();
        let (stop_tx, stop_rx) = watch::channel(false);
        let (is_leader, leader) = watch::channel(false);
        let liveness = Liveness::default();
        let leadership = Leadership {
            store: self.store.clone(),
            clock: self.clock.clone(),
            holder: instance_name(),
            is_leader,
        };
        // Webhook mode: bind first (a wrong address fails the start) and tell Telegram the URL.
        let webhook = match &self.settings.webhook {
            Some(hook) => {
                let listener = tokio::net::TcpListener::bind(hook.listen).await?;
                telegram::set_webhook(&send_bot, hook).await?;
                tracing::info!(listen = %hook.listen, "receiving updates by webhook");
                let webhook = telegram::webhook::Webhook {
                    settings: hook.clone(),
                    store: self.store.clone(),
                    clock: self.clock.clone(),
                    inbox_ready: inbox_ready.clone(),
                };
                Some((webhook, listener))
            }
            None => None,
        };
        let poller = Poller {
            bot: poll_bot,
            store: self.store.clone(),
            clock: self.clock.clone(),
            timeout_secs: poll_timeout,
            inbox_ready: inbox_ready.clone(),
            leader: leader.clone(),
            liveness: liveness.clone(),
        };
        let scheduler = Scheduler {
            store: self.store.clone(),
            clock: self.clock.clone(),
            bot_username: username.clone(),
            outbox_ready: outbox_ready.clone(),
            jobs_changed: jobs_changed.clone(),
        };
        let processor = Processor {
            store: self.store.clone(),
            clock: self.clock.clone(),
            bot_username: username,
            parse: telegram::incoming::parse_raw,
            inbox_ready,
            outbox_ready: outbox_ready.clone(),
            buttons_ready: buttons_ready.clone(),
            jobs_changed,
            flood: std::sync::Mutex::new(FloodGuard::new(self.settings.user_updates_per_minute as usize)),
            built_names: std::sync::Mutex::default(),
            persistent_fault: Duration::from_secs(self.settings.persistent_fault_secs),
        };
        let limits = Limits::scaled(self.settings.rate_scale);
        let button_answers = ButtonAnswers {
            bot: send_bot.clone(),
            store: self.store.clone(),
            clock: self.clock.clone(),
            ready: buttons_ready,
            leader: leader.clone(),
        };
        let roster_fetcher = telegram::files::RosterFetcher {
            bot: send_bot.clone(),
            store: self.store.clone(),
            clock: self.clock.clone(),
            ready: Arc::new(tokio::sync::Notify::new()),
            outbox_ready: outbox_ready.clone(),
            leader: leader.clone(),
        };
        let sender = Sender::new(send_bot, self.store.clone(), self.clock.clone(), outbox_ready, limits)
            .with_concurrency(self.settings.send_concurrency)
            .led_by(leader.clone());
        let mut workers = tokio::task::JoinSet::new();
        if let Some(listener) = self.admin.take() {
            tracing::info!(listen = %listener.local_addr()?, "serving /healthz and /metrics");
            let admin = Admin {
                store: self.store.clone(),
                clock: self.clock.clone(),
                leader: leader.clone(),
                liveness: liveness.clone(),
                webhook_mode: webhook.is_some(),
                stall_after_ms: (i64::from(poll_timeout) + 45) * 1000,
            };
            workers.spawn(admin.serve(listener, stop_rx.clone()));
        }
        if let Some(listener) = self.dashboard.take() {
            tracing::info!(listen = %listener.local_addr()?, "serving the office dashboard");
            let dashboard = crate::web::Dashboard {
                store: self.store.clone(),
                clock: self.clock.clone(),
                timezone: self.settings.timezone,
                public_url: self.settings.dashboard_url.clone(),
                outbox_ready: self.wakers.outbox_ready.clone(),
            };
            workers.spawn(dashboard.serve(listener, stop_rx.clone()));
        }
        let retention = Retention {
            store: self.store.clone(),
            clock: self.clock.clone(),
            updates_days: self.settings.retain_updates_days,
            messages_days: self.settings.retain_messages_days,
            leader: leader.clone(),
        };
        workers.spawn(retention.run(stop_rx.clone()));
        workers.spawn(leadership.run(stop_rx.clone()));
        match webhook {
            Some((webhook, listener)) => {
                let stop = stop_rx.clone();
                workers.spawn(async move {
                    liveness.webhook_serving(true);
                    webhook.serve(listener, stop).await;
                    liveness.webhook_serving(false);
                })
            }
            None => workers.spawn(poller.run(stop_rx.clone())),
        };
        workers.spawn(processor.run(stop_rx.clone()));
        workers.spawn(scheduler.run(stop_rx.clone()));
        workers.spawn(button_answers.run(stop_rx.clone()));
        workers.spawn(roster_fetcher.run(stop_rx.clone()));
        workers.spawn(sender.run(stop_rx));
        tracing::info!("zhibu is running");
        let died = tokio::select! {
            _ = shutdown => false,
            _ = workers.join_next() => true,
        };
        if died {
            tracing::error!("a worker stopped unexpectedly; shutting down so a supervisor can restart zhibu");
        }
        tracing::info!("stopping");
        let _ = stop_tx.send(true);
        let drained = tokio::time::timeout(Duration::from_secs(20), async {
            while workers.join_next().await.is_some() {}
        });
        if drained.await.is_err() {
            tracing::warn!("a worker did not stop in time");
        }
        // A connection stuck on a peer that vanished (a half-open connection) must not hold the
        // exit: the pool waits for connections still checked out.
        if tokio::time::timeout(Duration::from_secs(5), self.store.close()).await.is_err() {
            tracing::warn!("database connections did not close in time");
        }
        tracing::info!("stopped");
        if died {
            anyhow::bail!("a worker stopped unexpectedly (see the log above)");
        }
        Ok(())
    }

    async fn remember_username(&self, username: &str) -> anyhow::Result<()> {
        let now = to_millis(self.clock.now());
        let mut tx = self.store.begin_write().await?;
        store::meta::set(&mut tx, store::meta::BOT_USERNAME, username).await?;
        let menu = Outgoing::CommandMenu {
            commands: commands::menu(commands::EVERYONE),
            scope: MenuScope::AllPrivate,
        };
        let body = serde_json::to_string(&menu)?;
        // The menu is not a message to a chat; chat 0 keeps it out of every chat's queue.
        let once = store::outbox::Delivery { dedupe_key: Some(MENU_KEY), ..Default::default() };
        store::outbox::enqueue(&mut tx, 0, &body, now, &once).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}
