//! The retention job empties handled updates' payloads after 30 days and delivered messages'
//! bodies after 90 (the rows stay), never touching what is still waiting, and runs on the lease
//! holder at start.

use super::support;
use support::branch::*;

const KEPT_PAYLOADS: &str = "SELECT COUNT(*) FROM inbox WHERE payload <> '{}'";
const NAMED_ANYWHERE: &str = "SELECT (SELECT COUNT(*) FROM inbox WHERE payload LIKE '%王建国%')
     + (SELECT COUNT(*) FROM outbox WHERE body LIKE '%王建国%')";

#[tokio::test]
async fn old_update_payloads_and_message_bodies_are_emptied_after_their_retention() {
    let start = shanghai(2026, 3, 2, 10, 0, 0);
    let (app, clock) = app_at(start).await;
    bound_branch(&app).await;
    quiesce(&app).await;
    // Later starts may queue messages of their own (a month's political birthdays): count these.
    let kept_bodies =
        format!("SELECT COUNT(*) FROM outbox WHERE body <> '{{}}' AND created_at = {}", ms(start));
    let (updates, messages) = (scalar(&app, KEPT_PAYLOADS).await, scalar(&app, &kept_bodies).await);
    assert!(updates >= 2 && messages >= 2, "{updates} updates, {messages} messages");
    assert!(scalar(&app, NAMED_ANYWHERE).await > 0, "the secretary's name is in what was kept");

    // 31 days on: the updates' payloads go; the messages' bodies are kept for 90 days.
    clock.set(shanghai(2026, 4, 2, 10, 0, 0));
    let app = app.restart().await;
    wait_for_scalar(&app, KEPT_PAYLOADS, 0).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM inbox").await, updates, "the rows stay");
    assert_eq!(scalar(&app, &kept_bodies).await, messages);

    // 91 days on: the bodies go too, but a message still waiting keeps its text.
    clock.set(shanghai(2026, 6, 1, 10, 0, 0));
    let mut conn = app.store.conn().await.unwrap();
    let body = serde_json::to_string(&zhibu::domain::outgoing::Outgoing::text("仍在等待发送")).unwrap();
    let later = zhibu::store::outbox::Delivery {
        not_before: Some(ms(shanghai(2027, 1, 1, 9, 0, 0))),
        ..Default::default()
    };
    zhibu::store::outbox::enqueue(&mut conn, 42, &body, ms(start), &later).await.unwrap();
    drop(conn);
    let app = app.restart().await;
    wait_for_scalar(&app, &format!("{kept_bodies} AND state <> 'pending'"), 0).await;
    assert_eq!(scalar(&app, NAMED_ANYWHERE).await, 0, "no stored text names the secretary any more");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM outbox WHERE body LIKE '%仍在等待发送%'").await, 1);
    app.stop().await;
}
