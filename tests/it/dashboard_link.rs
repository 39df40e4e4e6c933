//! The one-time login link through Telegram: an office account tied to a Telegram user asks on
//! the login page; the bot sends the link privately; opening it (and pressing its button) logs
//! in as a password does. Used once, good for 10 minutes, and the page answers an unknown login
//! exactly as a known one.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use zhibu::clock::{Clock, ManualClock};

use super::dashboard::{PASSWORD, Page, Web, add_office_user, audit_actions, zhibu_with_input};
use super::support;
use support::app::TestApp;

/// The office user's own Telegram account.
const WANG_TELEGRAM: i64 = 770_001;
const PUBLIC_URL: &str = "https://dangjian.example.org/zhibu/";

/// The app with the dashboard listening and its public URL set, on a manual clock.
async fn app_with_links(public_url: Option<&str>) -> (TestApp, Arc<ManualClock>, String) {
    let clock = Arc::new(ManualClock::at(Utc.with_ymd_and_hms(2026, 11, 21, 2, 0, 0).unwrap()));
    let url = public_url.map(|u| url::Url::parse(u).unwrap());
    let app = TestApp::spawn_configured(clock.clone(), |s| {
        s.dashboard_listen = Some("127.0.0.1:0".parse().unwrap());
        s.dashboard_url = url;
    })
    .await;
    let base = format!("http://{}", app.dashboard_addr.expect("the dashboard listens"));
    (app, clock, base)
}

/// `wang` of 城关区委, tied to Telegram user `WANG_TELEGRAM`, who has written to the bot.
async fn wang_on_telegram(app: &TestApp) {
    add_office_user(&app.db, "wang", Some("城关区委")).await;
    let out =
        zhibu_with_input(&app.db, &["office", "telegram", "wang", &WANG_TELEGRAM.to_string()], "").await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(support::shell::stdout(&out).contains("已绑定Telegram用户"));
    app.fake.push_message(app.fake.private_text(WANG_TELEGRAM, "王处长", "/start"));
    app.expect_text(WANG_TELEGRAM, "您好").await;
    app.settle().await;
}

/// Asks the login page for a link for `login`.
async fn ask_link(web: &Web, login: &str) -> Page {
    post_before_login(web, "/login/link", &[("login", login)]).await
}

/// Posts `pairs` to `path` with the login page's CSRF pair (field and cookie).
async fn post_before_login(web: &Web, path: &str, pairs: &[(&str, &str)]) -> Page {
    let form = web.get("/login").await;
    let csrf = form.csrf_field();
    let cookie =
        format!("zhibu_login_csrf={}", form.cookie("zhibu_login_csrf").expect("a login csrf cookie"));
    let pairs: Vec<(&str, &str)> = pairs.iter().copied().chain([("csrf", csrf.as_str())]).collect();
    web.post(path, &pairs, Some(&cookie)).await
}

/// The path of the link in the bot's private message to wang.
async fn link_sent(app: &TestApp) -> String {
    link_in(&app.expect_text(WANG_TELEGRAM, "登录链接").await)
}

/// The path of the link in a message.
fn link_in(text: &str) -> String {
    let at = text.find(PUBLIC_URL).expect("the link on the public URL") + PUBLIC_URL.len();
    let token: String = text[at..].chars().take_while(|c| !c.is_whitespace()).collect();
    assert!(token.starts_with("login/link/"), "{text}");
    format!("/{token}")
}

/// Opens the link and presses its button; keeps the session when one is set.
async fn open_link(web: &mut Web, path: &str) -> Page {
    let page = web.get(path).await;
    if page.status != StatusCode::OK {
        return page;
    }
    let csrf = page.csrf_field();
    let cookie = format!("zhibu_login_csrf={}", page.cookie("zhibu_login_csrf").expect("a csrf cookie"));
    let answer = web.post(path, &[("csrf", &csrf)], Some(&cookie)).await;
    if let Some(token) = answer.cookie("zhibu_session") {
        web.session = Some(token);
    }
    answer
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&mut *conn).await.unwrap()
}

#[tokio::test]
async fn a_link_sent_to_telegram_logs_in_once_like_a_password_and_is_audited() {
    let (app, _, base) = app_with_links(Some(PUBLIC_URL)).await;
    wang_on_telegram(&app).await;
    let mut web = Web::new(&base);
    let asked = ask_link(&web, "wang").await;
    assert_eq!(asked.status, StatusCode::OK);
    assert!(asked.text().contains("登录链接已经私信发出"), "{}", asked.text());
    let path = link_sent(&app).await;
    let token = path.rsplit('/').next().unwrap().to_owned();
    let stored =
        count(&app, &format!("SELECT COUNT(*) FROM office_login_links WHERE token_hash = '{token}'")).await;
    assert_eq!(stored, 0, "only a hash of the token is kept");

    // Opening the link (a link preview would) uses nothing: the button does.
    assert_eq!(web.get(&path).await.status, StatusCode::OK);
    let answer = open_link(&mut web, &path).await;
    assert_eq!(
        (answer.status, answer.location.as_deref()),
        (StatusCode::SEE_OTHER, Some("/")),
        "{}",
        answer.text()
    );
    let cookie = answer.set_cookies.iter().find(|c| c.starts_with("zhibu_session=")).unwrap();
    for flag in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/", "Max-Age=28800"] {
        assert!(cookie.contains(flag), "{cookie} lacks {flag}");
    }
    let home = web.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.text().contains("wang（城关区委）"), "{}", home.text());
    // The session's CSRF token works as a password login's does.
    let csrf = home.csrf_field();
    assert_eq!(web.post("/logout", &[("csrf", &csrf)], None).await.location.as_deref(), Some("/login"));

    // A second use is refused, and logs nobody in.
    let mut again = Web::new(&base);
    let second = open_link(&mut again, &path).await;
    assert_eq!(second.status, StatusCode::GONE);
    assert!(second.text().contains("已经用过或已过期"), "{}", second.text());
    assert!(again.session.is_none());
    let actions = audit_actions(&app).await;
    for action in ["office.telegram", "office.link_sent", "office.login_link"] {
        assert!(actions.iter().any(|a| a == action), "no {action} in {actions:?}");
    }
    let body: String = {
        let mut conn = app.store.conn().await.unwrap();
        sqlx::query_scalar("SELECT body FROM outbox WHERE topic LIKE 'office_link:%'")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
    };
    assert!(!body.contains(&token), "the used link's message keeps no copy of it");
    let words = zhibu::texts::audit::action("office.login_link");
    assert_eq!(words, "通过Telegram链接登录");
    app.stop().await;
}

#[tokio::test]
async fn a_link_older_than_ten_minutes_is_refused() {
    let (app, clock, base) = app_with_links(Some(PUBLIC_URL)).await;
    wang_on_telegram(&app).await;
    let mut web = Web::new(&base);
    ask_link(&web, "wang").await;
    let path = link_sent(&app).await;
    clock.set(clock.now() + chrono::Duration::minutes(11));
    let late = web.get(&path).await;
    assert_eq!(late.status, StatusCode::GONE);
    assert!(late.text().contains("已经用过或已过期"));
    // Nor does its button work, should the page have been opened in time.
    let answer = open_link(&mut web, &path).await;
    assert!(answer.cookie("zhibu_session").is_none() && web.session.is_none());
    assert_eq!(web.get("/").await.location.as_deref(), Some("/login"));
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_login_or_one_without_telegram_gets_the_same_page_and_no_message() {
    let (app, _, base) = app_with_links(Some(PUBLIC_URL)).await;
    wang_on_telegram(&app).await;
    add_office_user(&app.db, "li", Some("城关区委")).await;
    let web = Web::new(&base);
    let known = ask_link(&web, "wang").await;
    link_sent(&app).await;
    let unknown = ask_link(&web, "nobody").await;
    let untied = ask_link(&web, "li").await;
    for page in [&unknown, &untied] {
        assert_eq!(page.status, known.status);
        assert_eq!(page.text(), known.text(), "the same answer whether or not a link went");
    }
    app.settle().await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM outbox WHERE topic LIKE 'office_link:%'").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM office_login_links").await, 1);
    app.stop().await;
}

#[tokio::test]
async fn link_requests_are_rate_limited_like_password_logins() {
    let (app, clock, base) = app_with_links(Some(PUBLIC_URL)).await;
    wang_on_telegram(&app).await;
    let web = Web::new(&base);
    for _ in 0..5 {
        assert_eq!(ask_link(&web, "wang").await.status, StatusCode::OK);
    }
    let refused = ask_link(&web, "wang").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.text().contains("15分钟后再试"), "{}", refused.text());
    // An unknown login is refused alike: the limit says nothing about who exists.
    for _ in 0..5 {
        ask_link(&web, "nobody").await;
    }
    assert_eq!(ask_link(&web, "nobody").await.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM office_login_links").await, 5);
    // Link requests do not lock the password.
    let mut password = Web::new(&base);
    assert_eq!(password.log_in("wang", PASSWORD).await.status, StatusCode::SEE_OTHER);
    clock.set(clock.now() + chrono::Duration::minutes(16));
    assert_eq!(ask_link(&web, "wang").await.status, StatusCode::OK);
    app.stop().await;
}

/// Presses the button of a link's page at `path` (with the login page's CSRF pair, as a page
/// whose token was good would give).
async fn press_link(web: &Web, path: &str) -> Page {
    post_before_login(web, path, &[]).await
}

#[tokio::test]
async fn opening_links_that_are_not_good_is_rate_limited_by_address_like_password_logins() {
    use zhibu::app::office::FAILURES_PER_ADDRESS;
    let (app, clock, base) = app_with_links(Some(PUBLIC_URL)).await;
    wang_on_telegram(&app).await;
    let mut web = Web::new(&base);
    ask_link(&web, "wang").await;
    let good = link_sent(&app).await;
    // Guessed tokens: each page opened, and each button pressed, counts against the address.
    for i in 0..FAILURES_PER_ADDRESS {
        let path = format!("/login/link/guess{i}");
        let page = if i % 2 == 0 { web.get(&path).await } else { press_link(&web, &path).await };
        assert_eq!(page.status, StatusCode::GONE, "{}", page.text());
    }
    let refused = web.get("/login/link/guess-more").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.text().contains("15分钟后再试"), "{}", refused.text());
    // From that address even a good link is refused now, its page and its button alike.
    assert_eq!(web.get(&good).await.status, StatusCode::TOO_MANY_REQUESTS);
    let pressed = press_link(&web, &good).await;
    assert_eq!(pressed.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(pressed.cookie("zhibu_session").is_none());
    assert!(audit_actions(&app).await.iter().any(|a| a == "office.login_throttled"));
    // The password has a limit of its own.
    let mut password = Web::new(&base);
    assert_eq!(password.log_in("wang", PASSWORD).await.status, StatusCode::SEE_OTHER);
    // A quarter of an hour on, a new link opens.
    clock.set(clock.now() + chrono::Duration::minutes(16));
    ask_link(&web, "wang").await;
    let fresh = second_link_sent(&app).await;
    assert_ne!(fresh, good);
    let answer = open_link(&mut web, &fresh).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.text());
    assert!(web.session.is_some());
    app.stop().await;
}

/// The path of the link in the bot's second private message carrying one to wang.
async fn second_link_sent(app: &TestApp) -> String {
    let links = |f: &support::fake_telegram::FakeTelegram| {
        f.texts_to(WANG_TELEGRAM).into_iter().filter(|t| t.contains(PUBLIC_URL)).collect::<Vec<_>>()
    };
    let sent = app.fake.wait_until(|f| links(f).len() >= 2, std::time::Duration::from_secs(10)).await;
    assert!(sent, "a second link: {:?}", app.fake.texts_to(WANG_TELEGRAM));
    link_in(&links(&app.fake)[1])
}

#[tokio::test]
async fn without_a_public_url_the_login_page_and_zhibu_check_say_the_link_is_off() {
    let (app, _, base) = app_with_links(None).await;
    wang_on_telegram(&app).await;
    let web = Web::new(&base);
    let form = web.get("/login").await;
    assert!(
        form.text().contains("ZHIBU_DASHBOARD_URL") && !form.text().contains("/login/link"),
        "{}",
        form.text()
    );
    let asked = ask_link(&web, "wang").await;
    assert_eq!(asked.status, StatusCode::NOT_FOUND);
    assert!(asked.text().contains("未开启"), "{}", asked.text());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM office_login_links").await, 0);

    // `zhibu check` says so too (its Telegram line fails here: no token; the others print).
    let url = app.db.url.clone();
    let check = tokio::task::spawn_blocking(move || {
        let dir = tempfile::tempdir().unwrap();
        std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"))
            .arg("check")
            .current_dir(dir.path())
            .env("ZHIBU_DATABASE_URL", url)
            .env("ZHIBU_DASHBOARD_LISTEN", "127.0.0.1:8080")
            .env_remove("TELOXIDE_TOKEN")
            .env_remove("ZHIBU_DASHBOARD_URL")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let said = support::shell::stdout(&check);
    assert!(said.contains("上级看板") && said.contains("不能通过Telegram获取登录链接"), "{said}");
    app.stop().await;
}
