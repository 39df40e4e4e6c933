//! Single-roll storm: N members of one branch answer one roll call at once (every update pushed
//! together), all by button or all by plain words in the group. Figures per N and mode: the
//! bot's CPU per answer, hand-out → `answerCallbackQuery` and hand-out → the roll counting the
//! answer (p50/p99), the roll edits during the storm, peak RSS; and, in a separate run with the
//! bot logging every statement (which costs CPU, hence apart), the statements per answer.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use zhibu::store::Store;

use crate::dataset::{group_chat, load_with, member_user};
use crate::fake_telegram::FakeTelegram;
use crate::harness::{
    Backend, BenchDb, Options, Report, cpu_seconds, limited_fake, memory_mib, pct, start_zhibu_with,
    stop_spawned, wait_for,
};

const BRANCH: i64 = 1;
/// Members leave with a reason, so no question follows.
const LEAVE_WORDS: &str = "请假，住院了";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Buttons,
    Words,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::Buttons => "buttons",
            Mode::Words => "words",
        }
    }
}

/// The whole scenario: every size in both modes, then the statement counts.
pub async fn run(backend: Backend, options: &Options) -> anyhow::Result<Report> {
    let title = if options.group_only {
        "Single-roll storm: N members answer one roll at once (the branch confirms in the group only)"
    } else {
        "Single-roll storm: N members answer one roll at once"
    };
    let mut report = Report::new(title);
    for &n in &options.sizes {
        for mode in [Mode::Buttons, Mode::Words] {
            let figures = storm(backend, options, n, mode, false).await?;
            figures.add_to(&mut report, n, mode);
        }
    }
    let n = options.sizes.first().copied().unwrap_or(200);
    for mode in [Mode::Buttons, Mode::Words] {
        let counted = storm(backend, options, n, mode, true).await?;
        report.add_line(
            format!("N={n} {}: statements per answer (logged run)", mode.label()),
            match counted.statements {
                Some(s) => format!("{:.1}", s as f64 / n as f64),
                None => "-".into(),
            },
        );
    }
    Ok(report)
}

/// What one storm measured.
struct Figures {
    cpu_per_answer: Option<Duration>,
    taps: Vec<Duration>,
    visible: Vec<Duration>,
    roll_edits: usize,
    last_count: usize,
    recorded: i64,
    peak_mib: f64,
    statements: Option<usize>,
    settled: Option<Duration>,
    lease: String,
}

impl Figures {
    fn add_to(&self, report: &mut Report, n: i64, mode: Mode) {
        let label = |what: &str| format!("N={n} {}: {what}", mode.label());
        let cpu = self.cpu_per_answer.map_or("-".into(), |d| format!("{:.3} ms", d.as_secs_f64() * 1000.0));
        report.add_line(label("bot CPU per answer"), cpu);
        if mode == Mode::Buttons {
            let taps = format!("{} / {}", pct(&self.taps, 50), pct(&self.taps, 99));
            report.add_line(label("hand-out → answerCallbackQuery p50 / p99"), taps);
        }
        let visible = format!("{} / {}", pct(&self.visible, 50), pct(&self.visible, 99));
        report.add_line(label("hand-out → counted in the roll p50 / p99"), visible);
        let edits = format!("{} (last counts {} of {n})", self.roll_edits, self.last_count);
        report.add_line(label("roll edits during the storm"), edits);
        let settled =
            self.settled.map_or("not within 10 min".into(), |d| format!("{:.1} s", d.as_secs_f64()));
        report.add_line(label("storm → everything handled, roll and confirmations out"), settled);
        report.add_line(label("answers recorded (history rows)"), format!("{} of {n}", self.recorded));
        report.add_line(label("peak memory of the bot (VmHWM)"), format!("{:.1} MiB", self.peak_mib));
        report.add_line(label("leader's lease during the storm"), &self.lease);
    }
}

async fn storm(
    backend: Backend,
    options: &Options,
    n: i64,
    mode: Mode,
    count: bool,
) -> anyhow::Result<Figures> {
    let db = BenchDb::new(backend).await?;
    let store = Store::open(&db.url).await?;
    load_with(&store, BRANCH, n, 0).await?;
    let meeting = crate::storm::open_meeting(&store, BRANCH).await?;
    if options.group_only {
        sqlx::query(
            "INSERT INTO branch_settings (branch_id, answer_confirmation) VALUES ($1, 'group')
             ON CONFLICT (branch_id) DO UPDATE SET answer_confirmation = 'group'",
        )
        .bind(BRANCH)
        .execute(store.pool())
        .await?;
    }
    forget_newer_migrations(&store).await?;
    store.close().await;

    let fake = limited_fake(options.scale).await;
    let spawned = start_zhibu_with(&fake, &db, options.scale, count)?;
    let pid = spawned.child.id();
    wait_for(|| fake.calls_to("sendmessage").len() >= 2, Duration::from_secs(600)).await;
    // Let the start-up settle, so the CPU counted is the storm's.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let statements_before = spawned.statements();
    let cpu_before = cpu_seconds(pid);
    let started = Instant::now();
    let pushed = push(&fake, meeting, n, mode);

    let store = Store::open(&db.url).await?;
    let mut lease = LeaseWatch::default();
    let confirmations = if options.group_only { 0 } else { n };
    let settled = settle(&fake, &store, n, confirmations, &mut lease).await.then(|| started.elapsed());
    let cpu = cpu_seconds(pid) - cpu_before;
    let statements = spawned.statements().map(|s| s - statements_before.unwrap_or(0));
    let (_, peak_mib) = memory_mib(pid);
    stop_spawned(spawned);

    let handouts = handouts(&fake, &pushed);
    let order = handling_order(&store).await?;
    let recorded: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM attendance_answers").fetch_one(store.pool()).await?;
    store.close().await;
    db.drop_db().await;

    let taps = tap_latencies(&fake, &pushed, &handouts);
    let edits = roll_edits(&fake, started, mode);
    let visible = visible_latencies(&order, &edits, &handouts);
    Ok(Figures {
        cpu_per_answer: (cpu > 0.0).then(|| Duration::from_secs_f64(cpu / n as f64)),
        taps,
        visible,
        roll_edits: edits.len(),
        last_count: edits.last().map_or(0, |(_, c)| *c),
        recorded,
        peak_mib,
        statements,
        settled,
        lease: lease.describe(),
    })
}

/// An update pushed: its id and, for a tap, its callback id.
struct Pushed {
    update_id: i64,
    callback_id: Option<String>,
    at: Instant,
}

fn push(fake: &FakeTelegram, meeting: i64, n: i64, mode: Mode) -> Vec<Pushed> {
    (0..n)
        .map(|i| {
            let user = member_user(BRANCH, i);
            let name = format!("党员{BRANCH}_{i}");
            match mode {
                Mode::Buttons => {
                    let tap = fake.callback(user, &name, group_chat(BRANCH), 1, &format!("m:{meeting}:a"));
                    let callback_id = tap["id"].as_str().map(str::to_owned);
                    let update_id = fake.push_callback(tap);
                    Pushed { update_id, callback_id, at: Instant::now() }
                }
                Mode::Words => {
                    let words = fake.group_text(group_chat(BRANCH), user, &name, LEAVE_WORDS);
                    Pushed { update_id: fake.push_message(words), callback_id: None, at: Instant::now() }
                }
            }
        })
        .collect()
}

/// The leader's lease as seen during the storm: the longest time between two renewals (it is
/// renewed every 2 s and lasts 6 s) and the least validity it had left.
#[derive(Default)]
struct LeaseWatch {
    last: Option<(i64, Instant)>,
    longest_gap: Duration,
    least_left_ms: Option<i64>,
}

impl LeaseWatch {
    async fn look(&mut self, store: &Store) {
        let Ok(Some(expires_at)) = sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(expires_at) FROM leases")
            .fetch_one(store.pool())
            .await
        else {
            return;
        };
        let now = Instant::now();
        let left = expires_at - chrono::Utc::now().timestamp_millis();
        self.least_left_ms = Some(self.least_left_ms.map_or(left, |l| l.min(left)));
        match self.last {
            Some((seen, _)) if seen == expires_at => {}
            Some((_, since)) => {
                self.longest_gap = self.longest_gap.max(now - since);
                self.last = Some((expires_at, now));
            }
            None => self.last = Some((expires_at, now)),
        }
    }

    fn describe(&self) -> String {
        match self.least_left_ms {
            Some(left) => format!(
                "longest between renewals {:.1} s (renewed every 2 s); least validity left {:.1} s of 6 s",
                self.longest_gap.as_secs_f64(),
                left as f64 / 1000.0
            ),
            None => "-".into(),
        }
    }
}

/// Waits until every update is handled, the roll counts everyone and every confirmation went.
async fn settle(
    fake: &FakeTelegram,
    store: &Store,
    n: i64,
    confirmations_due: i64,
    lease: &mut LeaseWatch,
) -> bool {
    let mut handled = false;
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(600) {
        lease.look(store).await;
        if !handled {
            let done: Result<i64, _> =
                sqlx::query_scalar("SELECT COUNT(*) FROM inbox WHERE state <> 'pending'")
                    .fetch_one(store.pool())
                    .await;
            handled = done.is_ok_and(|d| d >= n);
        }
        // The announcement and the roll, then one confirmation per answer.
        let confirmations = fake.calls_to("sendmessage").len().saturating_sub(2);
        let roll_full = fake
            .calls_to("editmessagetext")
            .iter()
            .rev()
            .filter_map(|c| roll_count(&c.text().unwrap_or_default()))
            .next()
            .is_some_and(|c| c >= n as usize);
        if handled && roll_full && confirmations >= confirmations_due as usize {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

/// When each update was handed out: the answer to the last `getUpdates` whose offset did not yet
/// confirm it (its request's arrival, or the push if that came later).
fn handouts(fake: &FakeTelegram, pushed: &[Pushed]) -> HashMap<i64, Instant> {
    let polls: Vec<(i64, Instant)> = fake
        .calls_to("getupdates")
        .iter()
        .map(|c| (c.params["offset"].as_i64().unwrap_or(0), c.at))
        .collect();
    pushed
        .iter()
        .filter_map(|p| {
            let asked = polls.iter().rev().find(|(offset, _)| *offset <= p.update_id)?.1;
            Some((p.update_id, asked.max(p.at)))
        })
        .collect()
}

fn tap_latencies(fake: &FakeTelegram, pushed: &[Pushed], handouts: &HashMap<i64, Instant>) -> Vec<Duration> {
    let by_callback: HashMap<&str, i64> =
        pushed.iter().filter_map(|p| Some((p.callback_id.as_deref()?, p.update_id))).collect();
    let mut out: Vec<Duration> = fake
        .calls_to("answercallbackquery")
        .iter()
        .filter_map(|c| {
            let update = by_callback.get(c.params["callback_query_id"].as_str()?)?;
            Some(c.at.saturating_duration_since(*handouts.get(update)?))
        })
        .collect();
    out.sort();
    out
}

/// The answers' update ids in the order they were handled (the bot handles the inbox in order).
async fn handling_order(store: &Store) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT update_id FROM inbox WHERE state = 'done' ORDER BY id")
        .fetch_all(store.pool())
        .await?)
}

/// The roll's edits since the storm began: when each arrived and how many answers it counted.
fn roll_edits(fake: &FakeTelegram, since: Instant, mode: Mode) -> Vec<(Instant, usize)> {
    fake.calls_to("editmessagetext")
        .iter()
        .filter(|c| c.at >= since)
        .filter_map(|c| {
            let text = c.text()?;
            let count = match mode {
                Mode::Buttons => count_after(&text, "参加 ")?,
                Mode::Words => count_after(&text, "请假 ")?,
            };
            text.starts_with("【接龙】").then_some((c.at, count))
        })
        .collect()
}

fn roll_count(text: &str) -> Option<usize> {
    text.starts_with("【接龙】")
        .then(|| count_after(text, "参加 ").unwrap_or(0) + count_after(text, "请假 ").unwrap_or(0))
}

fn count_after(text: &str, label: &str) -> Option<usize> {
    let rest = &text[text.find(label)? + label.len()..];
    rest[..rest.find('人')?].parse().ok()
}

/// The k-th answer handled shows in the roll from the first edit counting k answers.
fn visible_latencies(
    order: &[i64],
    edits: &[(Instant, usize)],
    handouts: &HashMap<i64, Instant>,
) -> Vec<Duration> {
    let mut out: Vec<Duration> = order
        .iter()
        .enumerate()
        .filter_map(|(k, update)| {
            let shown = edits.iter().find(|(_, count)| *count > k)?.0;
            Some(shown.saturating_duration_since(*handouts.get(update)?))
        })
        .collect();
    out.sort();
    out
}

/// Sizes from `--sizes 200,1000,3000`.
pub fn parse_sizes(list: &str) -> anyhow::Result<Vec<i64>> {
    list.split(',').map(|s| Ok(s.trim().parse()?)).collect()
}

/// With `ZHIBU_BENCH_MIGRATIONS=N` (to run an older build through `ZHIBU_BENCH_BIN`), forgets
/// that migrations after N were applied, so that build accepts the database.
async fn forget_newer_migrations(store: &Store) -> anyhow::Result<()> {
    if let Some(last) = std::env::var("ZHIBU_BENCH_MIGRATIONS").ok().and_then(|v| v.parse::<i64>().ok()) {
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version > $1")
            .bind(last)
            .execute(store.pool())
            .await?;
    }
    Ok(())
}
