//! The done-when year: a general meeting every month of 2026 while the roster changes (two
//! members join in March, one dies in June, one is erased in October). Every record exported in
//! December reads as it did the day it closed (the erased member's name aside), and the care
//! alerts name only months a member belonged.

use super::meeting_records::{NEW_MEMBERS, cli, close, exports, member_id};
use super::meeting_support::*;
use super::support;

use chrono::{TimeZone, Utc};
use support::app::TestApp;
use support::branch::keep_public_holidays;
use zhibu::clock::ManualClock;

fn secretary_says(app: &TestApp, text: &str) {
    app.fake.push_message(app.fake.private_text(SECRETARY, "王建国", text));
}

/// Who comes in `month`: the secretary and 李秀英 always; 刘玉兰 until she is erased;
/// 杨桂芝 until March.
fn attendees(month: u32) -> Vec<&'static str> {
    let mut names = vec!["王建国 8001", "李秀英"];
    if month <= 9 {
        names.push("刘玉兰");
    }
    if month <= 3 {
        names.push("杨桂芝");
    }
    names
}

/// The care alerts sent to the secretary on the first of `month`, once the month's check ran.
async fn care_alerts(app: &TestApp, clock: &ManualClock, month: u32, seen: &mut i64) -> Vec<String> {
    set_clock(app, clock, (2026, month, 1, 9, 5));
    let key = format!("meeting:care:1:2026-{month:02}-01");
    for _ in 0..100 {
        let mut conn = app.store.conn().await.unwrap();
        let state: Option<String> =
            sqlx::query_scalar("SELECT state FROM scheduled_jobs WHERE dedupe_key = $1")
                .bind(&key)
                .fetch_optional(&mut *conn)
                .await
                .unwrap();
        drop(conn);
        if state.as_deref().is_some_and(|s| s != "pending" && s != "running") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        app.wakers.wake_all();
    }
    app.settle().await;
    let mut conn = app.store.conn().await.unwrap();
    // Rows after the last one seen (by id: retention may prune old rows as the year goes by).
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, body FROM outbox WHERE chat_id = $1 AND body LIKE $2 AND id > $3 ORDER BY id",
    )
    .bind(SECRETARY)
    .bind("%建议上门看望%")
    .bind(*seen)
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    drop(conn);
    let text = |b: &String| {
        let v: serde_json::Value = serde_json::from_str(b).unwrap();
        v.get("text").and_then(|t| t.as_str()).unwrap_or(b).to_owned()
    };
    *seen = rows.last().map_or(*seen, |(id, _)| *id);
    rows.iter().flat_map(|(_, b)| text(b).lines().map(str::to_owned).collect::<Vec<_>>()).collect()
}

#[tokio::test]
async fn a_year_of_records_reads_in_december_as_it_did_at_close_and_care_alerts_count_only_months_belonged() {
    let clock = std::sync::Arc::new(ManualClock::at(Utc.with_ymd_and_hms(2026, 1, 1, 2, 0, 0).unwrap()));
    let app = TestApp::spawn_with_clock(clock.clone()).await;
    let branch = branch_with_members(&app).await;
    // A year about records, not holidays: 元旦, 劳动节 and 国庆节 are ordinary days here.
    keep_public_holidays(&app, branch, zhibu::clock::Clock::now(clock.as_ref())).await;
    let mut at_close = Vec::new();
    let mut alerts = Vec::new();
    let mut seen = 0_i64;
    for month in 1..=12u32 {
        if month > 1 {
            alerts.push((month, care_alerts(&app, &clock, month, &mut seen).await));
        }
        set_clock(&app, &clock, (2026, month, 2, 10, 0));
        match month {
            3 => {
                let now = zhibu::clock::to_millis(zhibu::clock::Clock::now(clock.as_ref()));
                zhibu::app::roster_import::import(&app.store, branch, "new.csv", NEW_MEMBERS.as_bytes(), now)
                    .await
                    .unwrap();
            }
            6 => {
                let id = member_id(&app, "杨桂芝").await.to_string();
                let out = cli(&app, &["member", "status", &id, "去世", "--since", "2026-06-02"]).await;
                assert!(out.status.success(), "{out:?}");
            }
            10 => {
                let id = member_id(&app, "刘玉兰").await.to_string();
                let out = cli(&app, &["member", "forget", &id]).await;
                assert!(out.status.success(), "{out:?}");
            }
            _ => {}
        }
        let line = format!("/meeting 党员大会 {month}月10日上午9点 老干部活动中心 第{month}次学习");
        let id = create_meeting(&app, &line).await;
        set_clock(&app, &clock, (2026, month, 10, 9, 30));
        for name in attendees(month) {
            secretary_says(&app, &format!("/present {id} {name}"));
            app.expect_text(SECRETARY, "同志到会").await;
        }
        set_clock(&app, &clock, (2026, month, 10, 11, 0));
        let sent = close(&app, id).await;
        let exported = exports(&app, id).await;
        assert_eq!(sent, exported.0, "what the secretary got is the record");
        at_close.push((month, id, exported));
    }

    // The roster's changes show in the records of their time, and only there.
    let expected_full = |m: u32| match m {
        1 | 2 => 23,
        3..=5 => 25,
        6..=9 => 24,
        _ => 23,
    };
    for (month, _, (text, _, _)) in &at_close {
        assert!(text.contains(&format!("应到正式党员：{}\n", expected_full(*month))), "{month}: {text}");
        assert_eq!(text.contains("钱学文"), *month >= 3, "{month}: {text}");
        assert_eq!(text.contains("杨桂芝"), *month <= 5, "{month}: {text}");
    }

    // In December every record reads as it did at close; the erased member only lost her name.
    for (month, id, (text, csv, html)) in &at_close {
        let (now_text, now_csv, now_html) = exports(&app, *id).await;
        let erase = |s: &str| s.replace("刘玉兰", "已删除的党员");
        assert_eq!(now_text, erase(text), "{month}");
        assert_eq!(String::from_utf8(now_csv).unwrap(), erase(&String::from_utf8(csv.clone()).unwrap()));
        assert_eq!(now_html, erase(html), "{month}");
        let present = attendees(*month).len();
        assert!(now_text.contains(&format!("实到人数：{present}\n")), "{month}: {now_text}");
    }

    // Care alerts: the newcomers from May (two months they belonged), never for months before
    // they joined; 杨桂芝 never after she died.
    let named = |month: u32, who: &str| {
        alerts.iter().find(|(m, _)| *m == month).map(|(_, l)| l.iter().any(|l| l.starts_with(who))).unwrap()
    };
    let alert = |month: u32, who: &str| {
        alerts
            .iter()
            .find(|(m, _)| *m == month)
            .and_then(|(_, l)| l.iter().find(|l| l.starts_with(who)).cloned())
            .unwrap_or_default()
    };
    assert!(!named(4, "钱学文"), "one month belonged by April: {:?}", alerts);
    assert!(alert(5, "钱学文").contains("已连续2个月"), "{:?}", alerts);
    assert!(alert(6, "孙丽萍").contains("已连续3个月"), "{:?}", alerts);
    assert!(alert(3, "陈志强").contains("已连续2个月"), "{:?}", alerts);
    assert!(alert(6, "杨桂芝").contains("已连续2个月"), "alive on the first of June: {:?}", alerts);
    for month in 7..=12 {
        assert!(!named(month, "杨桂芝"), "{month}: {:?}", alerts);
        assert!(!named(month, "已删除") && !named(month, "刘玉兰"), "{month}: {:?}", alerts);
    }
    app.stop().await;
}
