//! Issue 2's acceptance, literally: the real binary, set up from the command line and pointed at
//! a fake Bot API by TELOXIDE_API_URL — the secretary binds by code and binds the group, a member
//! binds by sharing a contact, a member's admin command is refused, every shared update is taken
//! silently, and SIGTERM stops it cleanly.

use std::time::Duration;

use super::support;
use support::binary::{start_bot, terminate};
use support::db::TestDb;
use support::fake_telegram::FakeTelegram;
use support::shell::zhibu as cli;

async fn said(fake: &FakeTelegram, chat: i64, needle: &str) -> bool {
    fake.wait_for_call(
        |c| {
            c.method == "sendmessage"
                && c.chat_id() == Some(chat)
                && c.text().is_some_and(|t| t.contains(needle))
        },
        Duration::from_secs(15),
    )
    .await
    .is_some()
}

#[tokio::test]
async fn the_real_binary_binds_a_branch_end_to_end() {
    let db = TestDb::new().await;
    let added = cli(&db, &["branch", "add", "第一党支部"]);
    let out = String::from_utf8_lossy(&added.stdout).into_owned();
    let code =
        out.split("/start ").nth(1).and_then(|s| s.split_whitespace().next()).expect("a code").to_owned();
    let roster = format!("{}/tests/fixtures/roster/sample-roster.xlsx", env!("CARGO_MANIFEST_DIR"));
    assert!(cli(&db, &["roster", "import", "--branch", "1", &roster]).status.success());

    let fake = FakeTelegram::start().await;
    let bot = start_bot(&fake, &db, &[]);
    let (secretary, member, group) = (9101, 9102, -9100);
    fake.push_message(fake.private_text(secretary, "王建国", &format!("/start {code}")));
    assert!(said(&fake, secretary, "您已成为“第一党支部”的支部书记").await);
    fake.push_message(fake.group_text(group, secretary, "王建国", "/bind"));
    assert!(said(&fake, group, "本群已绑定").await);
    fake.push_message(fake.private_contact(member, "陈志强", "+86 138 0013 8005", Some(member)));
    assert!(said(&fake, member, "绑定成功").await);
    fake.push_message(fake.private_text(member, "陈志强", "/grant 陈志强"));
    assert!(said(&fake, member, "只有支部书记和支委").await);

    let before = fake.calls_to("sendmessage").len();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/telegram/updates");
    for entry in std::fs::read_dir(dir).unwrap() {
        let mut update: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        update.as_object_mut().unwrap().remove("update_id");
        fake.push_update(update);
    }
    assert!(fake.wait_until(|f| f.pending_updates() == 0, Duration::from_secs(15)).await);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let stray: Vec<_> = fake
        .calls_to("sendmessage")
        .into_iter()
        .skip(before)
        .filter(|c| c.chat_id().unwrap_or(0) < 0)
        .collect();
    assert!(stray.is_empty(), "no group hears from the bot about shared updates: {stray:?}");

    let status = terminate(bot);
    assert!(status.success(), "SIGTERM stops zhibu cleanly: {status:?}");
    let list = cli(&db, &["roster", "list", "--branch", "1"]);
    let listed = String::from_utf8_lossy(&list.stdout).into_owned();
    assert!(listed.lines().any(|l| l.contains("陈志强") && l.contains("已绑定")), "{listed}");
    db.cleanup().await;
}
