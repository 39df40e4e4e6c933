//! A burst of answers handled in one batch (the roll read once, drawn once before the commit)
//! leaves the roll exactly as answering one by one would: a changed answer moves the name, a
//! repeated tap records nothing, and words that answer nothing in between change nothing. And
//! while answers keep coming, the roll is edited about every 3 s, never above the group's limit.

use std::time::{Duration, Instant};

use super::meeting_support::*;
use super::support;

use support::app::TestApp;
use support::instance::telegram_faithful;

const LINE: &str = "/meeting 党员大会 12月5日上午9点 老干部活动中心 学习全会精神";

fn unanswered(text: &str) -> i64 {
    let rest = &text[text.find("未回复 ").expect(text) + "未回复 ".len()..];
    rest[..rest.find('人').expect(text)].parse().expect(text)
}

#[tokio::test]
async fn a_burst_of_answers_in_one_batch_draws_the_roll_exactly() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let announcement = message_of(&app, id, false).await;
    let roll = message_of(&app, id, true).await;
    let before = unanswered(&current_text(&app, roll));
    let (attend, leave) = (format!("m:{id}:a"), format!("m:{id}:l"));

    // Pushed together, so the bot takes them in one `getUpdates` and handles them as one batch.
    tap(&app, "李秀英", GROUP, announcement, &attend);
    tap(&app, "刘玉兰", GROUP, announcement, &attend);
    tap(&app, "刘玉兰", GROUP, announcement, &leave);
    app.fake.push_message(app.fake.group_text(GROUP, user("陈志强"), "陈志强", "今天天气不错"));
    tap(&app, "陈志强", GROUP, announcement, &attend);
    app.fake.push_message(app.fake.group_text(GROUP, user("杨桂芝"), "杨桂芝", "请假，住院了"));
    tap(&app, "李秀英", GROUP, announcement, &attend);
    app.settle().await;

    let text = current_text(&app, roll);
    assert!(text.contains("参加 2人：李秀英、陈志强\n"), "{text}");
    assert!(text.contains("请假 2人：刘玉兰、杨桂芝\n"), "{text}");
    assert_eq!(unanswered(&text), before - 4, "{text}");
    let mut conn = app.store.conn().await.unwrap();
    let history: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attendance_answers WHERE meeting_id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(history, 5, "the repeated tap records nothing; the changed answer is kept in the history");
    drop(conn);
    app.stop().await;
}

/// A batch keeps its answers' writes back to make them together; an update of the same batch
/// that reads the meeting's answers from the database (here 【完整名单】) still sees every one.
#[tokio::test]
async fn an_update_that_reads_the_answers_sees_those_given_earlier_in_its_batch() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let announcement = message_of(&app, id, false).await;
    let roll = message_of(&app, id, true).await;

    tap(&app, "李秀英", GROUP, announcement, &format!("m:{id}:a"));
    app.fake.push_message(app.fake.group_text(GROUP, user("杨桂芝"), "杨桂芝", "请假，住院了"));
    tap(&app, "陈志强", GROUP, roll, &format!("mr:{id}"));
    tap(&app, "刘玉兰", GROUP, announcement, &format!("m:{id}:a"));
    app.settle().await;

    let list = app.fake.texts_to(user("陈志强")).into_iter().find(|t| t.contains("李秀英"));
    let list = list.expect("the full list went to 陈志强");
    assert!(list.contains("杨桂芝"), "{list}");
    assert!(!list.contains("刘玉兰"), "an answer after the tap is not in the list: {list}");
    let text = current_text(&app, roll);
    assert!(text.contains("参加 2人：李秀英、刘玉兰\n"), "{text}");
    assert!(text.contains("请假 1人：杨桂芝\n"), "{text}");
    app.stop().await;
}

/// A tap nothing comes of (a stranger's, refused) between two answers of one member, all in one
/// batch: the second answer, the same as the first, records nothing and keeps its reason, and
/// the roll shows both answers given.
#[tokio::test]
async fn a_refused_tap_between_two_answers_of_one_member_changes_nothing() {
    let app = TestApp::spawn_with_clock(start_clock()).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let announcement = message_of(&app, id, false).await;
    let roll = message_of(&app, id, true).await;

    app.fake.push_message(app.fake.group_text(GROUP, user("杨桂芝"), "杨桂芝", "请假，住院了"));
    let stranger = app.fake.callback(777_000, "路人甲", GROUP, announcement, &format!("m:{id}:a"));
    app.fake.push_callback(stranger);
    app.fake.push_message(app.fake.group_text(GROUP, 777_001, "路人乙", "大家好"));
    tap(&app, "杨桂芝", GROUP, announcement, &format!("m:{id}:l"));
    tap(&app, "李秀英", GROUP, announcement, &format!("m:{id}:a"));
    app.settle().await;

    let mut conn = app.store.conn().await.unwrap();
    let history: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attendance_answers WHERE meeting_id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(history, 2, "the repeated leave records nothing");
    let reason: Option<String> =
        sqlx::query_scalar("SELECT reason FROM attendance WHERE meeting_id = $1 AND answer = 'leave'")
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!(reason.as_deref(), Some("住院了"));
    drop(conn);
    let text = current_text(&app, roll);
    assert!(text.contains("参加 1人：李秀英\n"), "{text}");
    assert!(text.contains("请假 1人：杨桂芝"), "{text}");
    app.stop().await;
}

/// Telegram time runs this many times faster, on the bot's side and the fake's.
const SCALE: f64 = 10.0;

fn telegram_secs(real: Duration) -> f64 {
    real.as_secs_f64() * SCALE
}

fn attending(text: &str) -> usize {
    let rest = &text[text.find("参加 ").map_or(text.len(), |at| at + "参加 ".len())..];
    rest.find('人').and_then(|end| rest[..end].parse().ok()).unwrap_or(0)
}

#[tokio::test]
async fn while_answers_keep_coming_the_roll_is_edited_about_every_three_seconds() {
    let fake = telegram_faithful(SCALE).await;
    let app = TestApp::spawn_against(fake, start_clock(), |s| s.rate_scale = SCALE).await;
    branch_with_members(&app).await;
    let id = create_meeting(&app, LINE).await;
    let announcement = message_of(&app, id, false).await;
    let roll = message_of(&app, id, true).await;
    let (attend, leave) = (format!("m:{id}:a"), format!("m:{id}:l"));
    let members = people();

    // 60 s of Telegram time: every member changes their answer every ~10 s, the last round 参加.
    let rounds = 6;
    let gap = Duration::from_secs_f64(60.0 / SCALE / (rounds * members.len()) as f64);
    let started = Instant::now();
    for round in 0..rounds {
        for (i, (name, _, user)) in members.iter().enumerate() {
            let data = if round == rounds - 1 || (round + i) % 2 == 0 { &attend } else { &leave };
            app.fake.push_callback(app.fake.callback(*user, name, GROUP, announcement, data));
            tokio::time::sleep(gap).await;
        }
    }
    let storm_over = Instant::now();
    let everyone = members.len();
    let counted = app
        .fake
        .wait_until(
            |f| {
                attending(&f.message(GROUP, roll).map(|m| m["text"].to_string()).unwrap_or_default())
                    >= everyone
            },
            Duration::from_secs(30),
        )
        .await;
    let text = current_text(&app, roll);
    assert!(counted, "the last edit counts everyone: {text}");
    assert_eq!(attending(&text), everyone, "{text}");

    let edits: Vec<Instant> = app
        .fake
        .calls_to("editmessagetext")
        .iter()
        .filter(|c| c.at >= started && c.param("message_id") == Some(roll.to_string()))
        .map(|c| c.at)
        .collect();
    let during: Vec<Instant> = edits.iter().copied().filter(|at| *at <= storm_over).collect();
    let storm = telegram_secs(storm_over - started);
    // About one per 3 s (the bot's pace); at least half of that on a loaded machine.
    assert!(during.len() as f64 >= storm / 6.0, "{} edits in {storm:.0} s of storm", during.len());
    // Edited all along, not a burst then a silent minute.
    let mut longest = 0.0f64;
    for pair in [started].iter().chain(&during).collect::<Vec<_>>().windows(2) {
        longest = longest.max(telegram_secs(*pair[1] - *pair[0]));
    }
    longest = longest.max(telegram_secs(storm_over - *during.last().unwrap_or(&started)));
    assert!(longest <= 15.0, "{longest:.1} s without an edit during the storm ({} edits)", during.len());
    // Never above the group's 20 a minute: no 429, and no minute holds more than 20 sends.
    assert_eq!(app.fake.stats().too_many_requests, 0, "Telegram refused a send");
    let group: Vec<Instant> = app
        .fake
        .calls()
        .iter()
        .filter(|c| {
            c.chat_id() == Some(GROUP) && matches!(c.method.as_str(), "sendmessage" | "editmessagetext")
        })
        .map(|c| c.at)
        .collect();
    for (i, first) in group.iter().enumerate() {
        let within = group[i..].iter().take_while(|at| telegram_secs(**at - *first) < 60.0).count();
        assert!(within <= 20, "{within} messages to the group within a minute");
    }
    app.stop().await;
}
