//! What a province-wide storm costs everyone else: briefings due in the middle of it, queued to
//! branches that are not answering anything, and how long they wait for Telegram's 30/s; and
//! what each kind of confirmation the storm caused spent of that budget.
//!
//! Two sets of probes are queued at the same instant: one as a briefing is queued
//! (`PRIORITY_BACKGROUND`), and one behind the storm's private confirmations — where a briefing
//! stood when confirmations went as replies, ahead of background traffic (before session 6).

use std::time::{Duration, Instant};

use zhibu::domain::outgoing::Outgoing;
use zhibu::store::Store;
use zhibu::store::outbox::{self, Delivery, PRIORITY_BACKGROUND, PRIORITY_CONFIRM};

use crate::fake_telegram::FakeTelegram;
use crate::harness::{Report, pct};

/// Probes of each kind.
const PROBES: i64 = 20;
/// Chats of branches outside the storm (group ids far from the data set's).
const FIRST_CHAT: i64 = -1_009_000_000_000;

pub struct Probes {
    queued_at: Instant,
}

fn chat(kind: i64, k: i64) -> i64 {
    FIRST_CHAT - kind * 1_000 - k
}

/// Queues both kinds of probes now.
pub async fn queue(store: &Store) -> anyhow::Result<Probes> {
    let now = chrono::Utc::now().timestamp_millis();
    let mut tx = store.begin_write().await?;
    for (kind, priority) in [(0, PRIORITY_BACKGROUND), (1, PRIORITY_CONFIRM + 1)] {
        for k in 0..PROBES {
            let body = serde_json::to_string(&Outgoing::text(format!("【通报】探针 {kind}-{k}")))?;
            let delivery = Delivery { priority: Some(priority), ..Delivery::default() };
            outbox::enqueue(&mut tx, chat(kind, k), &body, now, &delivery).await?;
        }
    }
    tx.commit().await?;
    Ok(Probes { queued_at: Instant::now() })
}

/// Waits until every probe went (at most `limit`).
pub async fn wait(fake: &FakeTelegram, limit: Duration) {
    let gone = || {
        let chats: std::collections::HashSet<i64> =
            fake.calls_to("sendmessage").iter().filter_map(|c| c.chat_id()).collect();
        (0..2).all(|kind| (0..PROBES).all(|k| chats.contains(&chat(kind, k))))
    };
    crate::harness::wait_for(gone, limit).await;
}

/// The probes' waits and the storm's confirmations, in Telegram's time (real × `scale`).
pub fn report(report: &mut Report, fake: &FakeTelegram, probes: &Probes, storm_started: Instant, scale: f64) {
    let sends = fake.calls_to("sendmessage");
    let waits = |kind: i64| {
        let mut waits: Vec<Duration> = (0..PROBES)
            .filter_map(|k| sends.iter().find(|c| c.chat_id() == Some(chat(kind, k))))
            .map(|c| c.at.saturating_duration_since(probes.queued_at).mul_f64(scale))
            .collect();
        waits.sort();
        waits
    };
    let (now, before) = (waits(0), waits(1));
    let show = |w: &[Duration]| {
        let last = w.last().map_or("—".into(), |d| format!("{:.1} s", d.as_secs_f64()));
        format!("{} / {last} ({} of {PROBES} sent)", pct(w, 50), w.len())
    };
    report.add("briefing due mid-storm, queued → sent, p50 / last (Telegram time)", show(&now));
    report.add("the same behind the storm's confirmations (as before session 6)", show(&before));

    let in_storm = |c: &&crate::fake_telegram::SentCall| c.at >= storm_started;
    let private: Vec<_> =
        sends.iter().filter(in_storm).filter(|c| c.chat_id().is_some_and(|id| id > 0)).collect();
    let reactions = fake.calls_to("setmessagereaction").iter().filter(in_storm).count();
    let toasts = fake.calls_to("answercallbackquery").iter().filter(in_storm).count();
    let edits = fake.calls_to("editmessagetext").iter().filter(in_storm).count();
    let last_private = private.iter().map(|c| c.at).max();
    report.add(
        "confirmations: private messages (each 1 of the 30/s) / 👍 reactions / tap notices (0 of it)",
        format!("{} / {reactions} / {toasts}", private.len()),
    );
    report.add(
        "private confirmations: Telegram time at 30/s; last one sent after the storm began",
        format!(
            "{:.0} s; {}",
            private.len() as f64 / 30.0,
            last_private.map_or("—".into(), |t| format!(
                "{:.0} s",
                t.saturating_duration_since(storm_started).as_secs_f64() * scale
            ))
        ),
    );
    report.add("live roll edits during the storm (not limited by Telegram's 30/s)", edits);
}
