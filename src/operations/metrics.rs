//! `/metrics` in the Prometheus text format: the queues as the tables show them (the same from
//! every instance) and whether this instance talks to Telegram.

use std::fmt::Write;

use crate::store::stats::QueueStats;

const OUTBOX_STATES: [&str; 6] = ["pending", "sending", "sent", "unknown", "failed", "skipped_stale"];
const JOB_STATES: [&str; 5] = ["pending", "done", "failed", "skipped_stale", "cancelled"];

/// The exposition text for `stats` read at `now` (unix ms).
pub fn render(stats: &QueueStats, leader: bool, now: i64) -> String {
    let mut out = String::new();
    gauge(&mut out, "zhibu_leader", "1 when this instance holds the Telegram lease (polls and sends).");
    sample(&mut out, "zhibu_leader", "", i64::from(leader));
    by_state(&mut out, "zhibu_outbox_messages", "Outbox rows by state.", &OUTBOX_STATES, &stats.outbox);
    let oldest = stats.oldest_due_at.map_or(0.0, |at| (now - at).max(0) as f64 / 1000.0);
    gauge(
        &mut out,
        "zhibu_outbox_oldest_due_seconds",
        "How long the oldest due message has waited (0: none).",
    );
    let _ = writeln!(out, "zhibu_outbox_oldest_due_seconds {oldest:.3}");
    let inbox = [("pending".to_owned(), stats.inbox_pending), ("failed".to_owned(), stats.inbox_failed)];
    by_state(&mut out, "zhibu_inbox_updates", "Inbox updates waiting or given up on.", &[], &inbox);
    by_state(&mut out, "zhibu_jobs", "Scheduled jobs by state.", &JOB_STATES, &stats.jobs);
    let throttled = "zhibu_telegram_throttled_last_minute";
    gauge(&mut out, throttled, "Messages Telegram refused with 429 Too Many Requests in the last minute.");
    sample(&mut out, throttled, "", stats.throttled_last_minute);
    gauge(&mut out, "zhibu_sent_last_minute", "Messages sent in the last minute.");
    sample(&mut out, "zhibu_sent_last_minute", "", stats.sent_last_minute);
    let expired = "zhibu_updates_may_have_expired";
    gauge(
        &mut out,
        expired,
        "1 for a day after zhibu came back from more than 24 hours without fetching updates \
         (Telegram discards older ones: members' answers may be lost).",
    );
    let recent = stats.updates_may_have_expired_at.is_some_and(|at| now - at < DAY_MS);
    sample(&mut out, expired, "", i64::from(recent));
    out
}

const DAY_MS: i64 = 24 * 3_600_000;

fn gauge(out: &mut String, name: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} gauge");
}

fn sample(out: &mut String, name: &str, labels: &str, value: i64) {
    let _ = writeln!(out, "{name}{labels} {value}");
}

/// One sample per state: the known ones (0 when absent, so the series exist) and any other found.
fn by_state(out: &mut String, name: &str, help: &str, known: &[&str], counts: &[(String, i64)]) {
    gauge(out, name, help);
    let count_of = |state: &str| counts.iter().find(|(s, _)| s == state).map_or(0, |(_, n)| *n);
    let others = counts.iter().map(|(s, _)| s.as_str()).filter(|s| !known.contains(s));
    for state in known.iter().copied().chain(others) {
        sample(
            out,
            name,
            &format!("{{state=\"{}\"}}", state.replace(['"', '\\', '\n'], "_")),
            count_of(state),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_state_is_exposed_even_when_empty() {
        let stats = QueueStats {
            outbox: vec![("pending".into(), 3), ("sent".into(), 10)],
            oldest_due_at: Some(1_000),
            inbox_pending: 2,
            jobs: vec![("weird".into(), 1)],
            sent_last_minute: 10,
            updates_may_have_expired_at: Some(0),
            ..QueueStats::default()
        };
        let text = render(&stats, true, 3_500);
        for line in [
            "zhibu_leader 1",
            "zhibu_outbox_messages{state=\"pending\"} 3",
            "zhibu_outbox_messages{state=\"unknown\"} 0",
            "zhibu_outbox_oldest_due_seconds 2.500",
            "zhibu_inbox_updates{state=\"pending\"} 2",
            "zhibu_inbox_updates{state=\"failed\"} 0",
            "zhibu_jobs{state=\"done\"} 0",
            "zhibu_jobs{state=\"weird\"} 1",
            "zhibu_telegram_throttled_last_minute 0",
            "zhibu_sent_last_minute 10",
            "zhibu_updates_may_have_expired 1",
        ] {
            assert!(text.lines().any(|l| l == line), "missing `{line}` in:\n{text}");
        }
        assert!(text.lines().all(|l| l.starts_with('#') || l.split(' ').count() == 2), "{text}");
    }
}
