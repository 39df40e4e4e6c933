//! Is this instance healthy? The database answers, some instance holds the Telegram lease, and,
//! when this one holds it, its poller has polled lately (or its webhook listener serves).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

use serde::Serialize;

/// What the workers report about themselves, read by `/healthz`.
#[derive(Clone, Default)]
pub struct Liveness {
    inner: Arc<LivenessInner>,
}

#[derive(Default)]
struct LivenessInner {
    /// When `getUpdates` last answered (unix ms); 0 for never.
    last_poll_ms: AtomicI64,
    webhook_serving: AtomicBool,
}

impl Liveness {
    /// The poller got an answer from `getUpdates`.
    pub fn polled(&self, now_ms: i64) {
        self.inner.last_poll_ms.store(now_ms, Ordering::Relaxed);
    }

    /// The webhook listener started (true) or stopped (false) serving.
    pub fn webhook_serving(&self, serving: bool) {
        self.inner.webhook_serving.store(serving, Ordering::Relaxed);
    }

    pub fn last_poll_ms(&self) -> Option<i64> {
        Some(self.inner.last_poll_ms.load(Ordering::Relaxed)).filter(|at| *at > 0)
    }

    pub fn is_webhook_serving(&self) -> bool {
        self.inner.webhook_serving.load(Ordering::Relaxed)
    }
}

/// How updates reach this instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receiving {
    /// Long polling; a poll older than `stall_after_ms` means the poller is stuck.
    Polling {
        last_poll_ms: Option<i64>,
        stall_after_ms: i64,
    },
    Webhook {
        serving: bool,
    },
}

/// Everything `/healthz` looks at, gathered at `now`.
#[derive(Debug, Clone)]
pub struct HealthFacts {
    pub now: i64,
    /// `Err` with the reason when the database did not answer.
    pub database: Result<(), String>,
    /// Who holds the Telegram lease and until when.
    pub lease: Option<(String, i64)>,
    pub leader: bool,
    pub receiving: Receiving,
}

/// The answer of `/healthz` (200 when `healthy`, else 503).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Health {
    pub healthy: bool,
    pub database: &'static str,
    pub leader: bool,
    pub lease_holder: Option<String>,
    /// `polling`, `webhook` or `standby` (another instance talks to Telegram).
    pub receiving: &'static str,
    pub problems: Vec<String>,
}

pub fn judge(facts: &HealthFacts) -> Health {
    let mut problems = Vec::new();
    if let Err(why) = &facts.database {
        problems.push(format!("database unreachable: {why}"));
    }
    let holder = facts.lease.as_ref().filter(|(_, until)| *until >= facts.now).map(|(h, _)| h.clone());
    if facts.database.is_ok() && holder.is_none() {
        problems.push("no instance holds the telegram lease: nothing is polled or sent".into());
    }
    let receiving = match facts.receiving {
        _ if !facts.leader => "standby",
        Receiving::Webhook { serving } => {
            if !serving {
                problems.push("the webhook listener is not serving".into());
            }
            "webhook"
        }
        Receiving::Polling { last_poll_ms, stall_after_ms } => {
            match last_poll_ms {
                Some(at) if facts.now - at <= stall_after_ms => {}
                Some(at) => {
                    problems.push(format!("no answer from getUpdates for {} s", (facts.now - at) / 1000))
                }
                None => problems.push("getUpdates has not answered yet".into()),
            }
            "polling"
        }
    };
    Health {
        healthy: problems.is_empty(),
        database: if facts.database.is_ok() { "ok" } else { "unreachable" },
        leader: facts.leader,
        lease_holder: holder,
        receiving,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_000_000;

    fn leader_polling(last_poll_ms: Option<i64>) -> HealthFacts {
        HealthFacts {
            now: NOW,
            database: Ok(()),
            lease: Some(("me".into(), NOW + 5_000)),
            leader: true,
            receiving: Receiving::Polling { last_poll_ms, stall_after_ms: 60_000 },
        }
    }

    #[test]
    fn a_leader_that_polled_lately_is_healthy() {
        let health = judge(&leader_polling(Some(NOW - 30_000)));
        assert!(health.healthy, "{health:?}");
        assert_eq!((health.receiving, health.lease_holder.as_deref()), ("polling", Some("me")));
    }

    #[test]
    fn a_leader_whose_poller_stalled_is_unhealthy() {
        assert!(!judge(&leader_polling(Some(NOW - 61_000))).healthy);
        assert!(!judge(&leader_polling(None)).healthy);
    }

    #[test]
    fn an_unreachable_database_is_unhealthy() {
        let facts = HealthFacts { database: Err("connection refused".into()), ..leader_polling(Some(NOW)) };
        let health = judge(&facts);
        assert!(!health.healthy && health.database == "unreachable", "{health:?}");
    }

    #[test]
    fn a_standby_instance_is_healthy_while_another_holds_the_lease() {
        let facts =
            HealthFacts { leader: false, lease: Some(("other".into(), NOW + 1)), ..leader_polling(None) };
        let health = judge(&facts);
        assert!(health.healthy && health.receiving == "standby", "{health:?}");
        let expired = HealthFacts { lease: Some(("other".into(), NOW - 1)), ..facts };
        assert!(!judge(&expired).healthy, "an expired lease means nobody talks to Telegram");
    }

    #[test]
    fn a_leader_whose_webhook_stopped_serving_is_unhealthy() {
        let facts = HealthFacts { receiving: Receiving::Webhook { serving: false }, ..leader_polling(None) };
        assert!(!judge(&facts).healthy);
        let serving = HealthFacts { receiving: Receiving::Webhook { serving: true }, ..facts };
        assert!(judge(&serving).healthy);
    }
}
