//! Which instance talks to Telegram. Several `zhibu run` may share one PostgreSQL database: all
//! of them handle stored updates and run due jobs (each claimed once), but only the holder of
//! the `telegram` lease polls `getUpdates` and sends, so they never poll against each other and
//! together stay within Telegram's rate limits. A dead holder's lease runs out within seconds and
//! another instance takes over; a cleanly stopping one hands it over at once.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};

use crate::clock::{Clock, to_millis};
use crate::store::{self, Store};

pub const TELEGRAM_LEASE: &str = "telegram";
/// How long a lease lasts without renewal.
const TTL: Duration = Duration::from_secs(6);
/// How often the holder renews it (and others try to take it).
const RENEW_EVERY: Duration = Duration::from_secs(2);

pub struct Leadership {
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    /// This instance's name in the lease table.
    pub holder: String,
    pub is_leader: watch::Sender<bool>,
}

/// A name no other running instance has: `host:pid:random`.
pub fn instance_name() -> String {
    use rand::RngExt;
    format!("{}:{}:{:08x}", this_host(), std::process::id(), rand::rng().random::<u32>())
}

fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "host".into())
}

/// A lease held by a process of this machine that no longer runs (killed, crashed): a restart
/// need not wait for it to run out.
fn held_by_a_dead_local_process(holder: &str) -> bool {
    let mut parts = holder.split(':');
    let (Some(host), Some(pid)) = (parts.next(), parts.next()) else { return false };
    host == this_host()
        && pid.parse::<u32>().is_ok_and(|pid| pid != std::process::id())
        && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        && std::path::Path::new("/proc/self").exists()
}

impl Leadership {
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        while !*stop.borrow() {
            // A renewal that cannot finish before the lease would run out has lost it.
            let held = match store::within(TTL, self.try_hold()).await {
                Ok(held) => held,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot renew the lease; stepping back");
                    false
                }
            };
            if *self.is_leader.borrow() != held {
                tracing::info!(holder = %self.holder, leader = held, "leadership changed");
                let _ = self.is_leader.send(held);
            }
            tokio::select! {
                _ = tokio::time::sleep(RENEW_EVERY) => {}
                _ = stop.changed() => {}
            }
        }
        let _ = self.is_leader.send(false);
        if let Ok(mut conn) = self.store.conn().await {
            let _ = store::leases::release(&mut conn, TELEGRAM_LEASE, &self.holder).await;
        }
    }

    async fn try_hold(&self) -> store::StoreResult<bool> {
        // Between two batches of answers at most, never behind all of them — and never for more
        // than a third of the lease: past that the renewal goes ahead without its turn (SQLite's
        // own busy wait then orders it). The turn first, then the connection, then the clock, so
        // no time spent waiting is cut from the lease written.
        let _turn = tokio::time::timeout(TTL / 3, self.store.write_turn()).await.ok().flatten();
        let mut conn = self.store.conn().await?;
        let now = to_millis(self.clock.now());
        let until = now + TTL.as_millis() as i64;
        if let Some((holder, _)) = store::leases::holder(&mut conn, TELEGRAM_LEASE).await?
            && held_by_a_dead_local_process(&holder)
        {
            tracing::info!(%holder, "taking over the lease of a process that no longer runs");
            store::leases::release(&mut conn, TELEGRAM_LEASE, &holder).await?;
        }
        store::leases::acquire(&mut conn, TELEGRAM_LEASE, &self.holder, now, until).await
    }
}

/// Waits until this instance leads (true) or is told to stop (false).
pub async fn wait_to_lead(leader: &mut watch::Receiver<bool>, stop: &mut watch::Receiver<bool>) -> bool {
    loop {
        if *stop.borrow() {
            return false;
        }
        if *leader.borrow() {
            return true;
        }
        tokio::select! {
            _ = leader.changed() => {}
            _ = stop.changed() => {}
        }
    }
}

/// How long a worker waits after a pass that handled `outcome` items: not at all when there was
/// work (more may have come meanwhile), a second when there was none or the pass failed (logged
/// as `failing`).
pub fn wait_after(outcome: store::StoreResult<usize>, failing: &str) -> Duration {
    match outcome {
        Ok(0) => Duration::from_secs(1),
        Ok(_) => Duration::ZERO,
        Err(e) => {
            tracing::error!(error = %e, "{failing}");
            Duration::from_secs(1)
        }
    }
}

/// While this instance leads, runs `pass` again and again: after the wait it returns, or as soon
/// as `ready` is notified or leadership changes; returns when told to stop.
pub async fn pass_while_leading<F: Future<Output = Duration>>(
    leader: watch::Receiver<bool>,
    stop: watch::Receiver<bool>,
    ready: &Notify,
    pass: impl FnMut() -> F,
) {
    take_over_then_pass(leader, stop, ready, || async {}, pass).await;
}

/// `pass_while_leading`, running `take_over` first each time this instance becomes the leader
/// (at start, or when a dead or stalled leader's lease passes to it).
pub async fn take_over_then_pass<F: Future<Output = Duration>, T: Future<Output = ()>>(
    mut leader: watch::Receiver<bool>,
    mut stop: watch::Receiver<bool>,
    ready: &Notify,
    mut take_over: impl FnMut() -> T,
    mut pass: impl FnMut() -> F,
) {
    let mut leading = false;
    while wait_to_lead(&mut leader, &mut stop).await {
        if !leading {
            take_over().await;
        }
        let wait = pass().await;
        tokio::select! {
            _ = ready.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = stop.changed() => {}
            _ = leader.changed() => {}
        }
        leading = *leader.borrow();
    }
}

/// Resolves once told to stop (or when the sender is gone): a listener's graceful shutdown.
pub async fn until_stopped(mut stop: watch::Receiver<bool>) {
    while !*stop.borrow() {
        if stop.changed().await.is_err() {
            break;
        }
    }
}
