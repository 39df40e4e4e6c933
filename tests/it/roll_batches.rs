//! A burst of answers handled in one batch (the roll read once, drawn once before the commit)
//! leaves the roll exactly as answering one by one would: a changed answer moves the name, a
//! repeated tap records nothing, and words that answer nothing in between change nothing.

use super::meeting_support::*;
use super::support;

use support::app::TestApp;

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
