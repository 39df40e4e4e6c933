//! The office dashboard over the provincial data set (3,060 branches, 183,600 members, three
//! years of meetings) in 14 districts: the matrix page of every branch and of one district, the
//! overview and a branch page, each fetched over HTTP after a real login (median of 5); and how
//! many sampled branches' matrix figures equal `zhibu report`'s lines.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use tokio::sync::watch;
use zhibu::clock::ManualClock;
use zhibu::store::Store;

use crate::harness::{BenchDb, Options, Report};
use crate::{compliance, dataset};

const DISTRICTS: i64 = 14;
const PASSWORD: &str = "benchmark password";

fn district(branch: i64) -> String {
    format!("第{}区委", branch % DISTRICTS + 1)
}

pub async fn run(backend: crate::harness::Backend, _options: &Options) -> anyhow::Result<Report> {
    let db = BenchDb::new(backend).await?;
    let store = Store::open(&db.url).await?;
    dataset::load(&store, dataset::BRANCHES, dataset::MEMBERS_PER_BRANCH).await?;
    let meetings = compliance::insert_meetings(&store).await?;
    let mut tx = store.begin_write().await?;
    for d in 0..DISTRICTS {
        let sql = format!("UPDATE branches SET district = '{}' WHERE id % {DISTRICTS} = {d}", district(d));
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let now = Utc.with_ymd_and_hms(2026, 11, 21, 2, 0, 0).unwrap();
    zhibu::app::office::add_user(&store, "sheng", None, PASSWORD, now.timestamp_millis()).await?.ok();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (stop_tx, stop_rx) = watch::channel(false);
    let dashboard = zhibu::web::Dashboard {
        store: store.clone(),
        clock: Arc::new(ManualClock::at(now)),
        timezone: chrono_tz::Asia::Shanghai,
        public_url: None,
        outbox_ready: Arc::new(tokio::sync::Notify::new()),
    };
    let served = tokio::spawn(dashboard.serve(listener, stop_rx));
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let session = log_in(&client, &base).await?;

    let mut report = Report::new("Office dashboard: 3,060 branches in 14 districts × three years");
    report.add("closed meetings in the database", meetings);
    let (all_time, all_html) = median(&client, &base, "/", &session).await?;
    report.add(
        "matrix page, every branch (median of 5)",
        format!("{:.0} ms, {} KB", ms(all_time), all_html.len() / 1024),
    );
    let one = format!("/?district={}", url_encode(&district(3)));
    let (one_time, _) = median(&client, &base, &one, &session).await?;
    report.add("matrix page, one district (median of 5)", format!("{:.0} ms", ms(one_time)));
    let (overview, _) = median(&client, &base, "/overview", &session).await?;
    report.add("overview page (median of 5)", format!("{:.0} ms", ms(overview)));
    let (branch, _) = median(&client, &base, "/branch/1500", &session).await?;
    report.add("branch page (median of 5)", format!("{:.0} ms", ms(branch)));

    let mut conn = store.conn().await?;
    let (mut equal, mut sampled) = (0, 0);
    for id in (1..=dataset::BRANCHES).step_by(31) {
        let mut lines = zhibu::app::meetings::report::lines(&mut conn, id, now.timestamp_millis()).await?;
        lines.sort();
        sampled += 1;
        equal += usize::from(matrix_lines(&all_html, id) == lines);
    }
    drop(conn);
    report.add("sampled branches whose matrix figures equal zhibu report's", format!("{equal} of {sampled}"));

    let _ = stop_tx.send(true);
    let _ = served.await;
    store.close().await;
    db.drop_db().await;
    Ok(report)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn url_encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn log_in(client: &reqwest::Client, base: &str) -> anyhow::Result<String> {
    let form = client.get(format!("{base}/login")).send().await?;
    let cookie = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            c.strip_prefix("zhibu_login_csrf=").map(|v| v[..v.find(';').unwrap_or(v.len())].to_owned())
        })
        .unwrap_or_default();
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("login", "sheng"), ("password", PASSWORD), ("csrf", &cookie)])
        .finish();
    let answer = client
        .post(format!("{base}/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("zhibu_login_csrf={cookie}"))
        .body(body)
        .send()
        .await?;
    answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            c.strip_prefix("zhibu_session=").map(|v| v[..v.find(';').unwrap_or(v.len())].to_owned())
        })
        .ok_or_else(|| anyhow::anyhow!("the benchmark's login failed: {}", answer.status()))
}

/// The median time of five fetches of `path`, and the page.
async fn median(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    session: &str,
) -> anyhow::Result<(Duration, String)> {
    let mut times = Vec::new();
    let mut page = String::new();
    for _ in 0..5 {
        let started = Instant::now();
        let response = client
            .get(format!("{base}{path}"))
            .header("cookie", format!("zhibu_session={session}"))
            .send()
            .await?;
        anyhow::ensure!(response.status().is_success(), "{path} answered {}", response.status());
        page = response.text().await?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok((times[2], page))
}

/// The report lines in the cells' titles of branch `id`'s row (HTML-unescaped enough for them).
fn matrix_lines(html: &str, id: i64) -> Vec<String> {
    let Some(start) = html.find(&format!("data-branch=\"{id}\"")) else { return Vec::new() };
    let row = &html[start..start + html[start..].find("</tr>").unwrap_or(0)];
    let mut lines: Vec<String> = row
        .split("title=\"")
        .skip(1)
        .flat_map(|t| t[..t.find('"').unwrap_or(0)].lines().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    lines.sort();
    lines
}
