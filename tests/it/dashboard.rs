//! The office dashboard over real HTTP: accounts made with the real `zhibu office add`, login
//! with its CSRF token and rate limit, sessions that expire, and the matrix's figures read
//! against `zhibu report` for the same branches. Helpers here serve the other dashboard tests.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use zhibu::clock::{Clock, ManualClock};

use super::support;
use support::app::TestApp;
use support::db::TestDb;

pub const PASSWORD: &str = "correct horse battery";

/// The app with the dashboard listening, on a manual clock at 2026-11-21 10:00 Shanghai.
pub async fn app_with_dashboard() -> (TestApp, Arc<ManualClock>, String) {
    let clock = Arc::new(ManualClock::at(Utc.with_ymd_and_hms(2026, 11, 21, 2, 0, 0).unwrap()));
    let (app, base) = app_with_dashboard_on(clock.clone()).await;
    (app, clock, base)
}

/// The app with the dashboard listening, on `clock`; returns the dashboard's base URL.
pub async fn app_with_dashboard_on(clock: Arc<dyn Clock>) -> (TestApp, String) {
    let app = TestApp::spawn_configured(clock, |s| {
        s.dashboard_listen = Some("127.0.0.1:0".parse().unwrap());
    })
    .await;
    let base = format!("http://{}", app.dashboard_addr.expect("the dashboard listens"));
    (app, base)
}

/// Runs the real binary with `stdin` as its standard input.
/// Runs the binary off the test's runtime (the bot on it keeps working meanwhile, so it never
/// holds the database while the command waits for it); SQLite may still refuse a second
/// process for a moment, which is retried as an operator would.
pub async fn zhibu_with_input(db: &TestDb, args: &[&str], stdin: &str) -> std::process::Output {
    let url = db.url.clone();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let stdin = stdin.to_owned();
    let mut out = None;
    for _ in 0..5 {
        let (url, args, stdin) = (url.clone(), args.clone(), stdin.clone());
        let once = tokio::task::spawn_blocking(move || run_once(&url, &args, &stdin)).await.unwrap();
        let locked =
            !once.status.success() && String::from_utf8_lossy(&once.stderr).contains("database is locked");
        out = Some(once);
        if !locked {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    out.unwrap()
}

fn run_once(url: &str, args: &[String], stdin: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(args)
        .current_dir(dir.path())
        .env("ZHIBU_DATABASE_URL", url)
        .env_remove("TELOXIDE_TOKEN")
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zhibu");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// `zhibu office add LOGIN --district D` (or `--all-districts` without one), asserting success.
pub async fn add_office_user(db: &TestDb, login: &str, district: Option<&str>) {
    let mut args = vec!["office", "add", login];
    match district {
        Some(d) => args.extend(["--district", d]),
        None => args.push("--all-districts"),
    }
    let out = zhibu_with_input(db, &args, &format!("{PASSWORD}\n")).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A branch made from the CLI's code path, put under `district` with `zhibu branch district`.
pub async fn branch_in(app: &TestApp, name: &str, district: &str) -> i64 {
    let (id, _) = app.create_branch(name).await;
    let out = zhibu_with_input(&app.db, &["branch", "district", &id.to_string(), district], "").await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    id
}

/// A browser without a cookie jar: the test carries the cookies it means to.
pub struct Web {
    pub base: String,
    client: reqwest::Client,
    pub session: Option<String>,
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl Page {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// The value of the hidden `csrf` field of the page's form.
    pub fn csrf_field(&self) -> String {
        let text = self.text();
        let at = text.find("name=\"csrf\" value=\"").expect("a form with a csrf field") + 19;
        text[at..at + text[at..].find('"').unwrap()].to_owned()
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.set_cookies
            .iter()
            .find(|c| c.starts_with(&format!("{name}=")))
            .map(|c| c[name.len() + 1..c.find(';').unwrap_or(c.len())].to_owned())
    }
}

fn form(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish()
}

impl Web {
    pub fn new(base: &str) -> Web {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Web { base: base.to_owned(), client, session: None }
    }

    async fn read(response: reqwest::Response) -> Page {
        let headers = response.headers().clone();
        Page {
            status: response.status(),
            location: headers.get(LOCATION).map(|v| v.to_str().unwrap().to_owned()),
            set_cookies: headers.get_all(SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_owned()).collect(),
            content_type: headers
                .get(reqwest::header::CONTENT_TYPE)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default(),
            bytes: response.bytes().await.unwrap().to_vec(),
        }
    }

    fn with_session(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.session {
            Some(token) => request.header(COOKIE, format!("zhibu_session={token}")),
            None => request,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let request = self.with_session(self.client.get(format!("{}{path}", self.base)));
        Web::read(request.send().await.expect("the dashboard answers")).await
    }

    /// POSTs a form with the given cookie header (besides the session).
    pub async fn post(&self, path: &str, pairs: &[(&str, &str)], cookie: Option<&str>) -> Page {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form(pairs));
        let mut cookies: Vec<String> = cookie.map(str::to_owned).into_iter().collect();
        if let Some(token) = &self.session {
            cookies.push(format!("zhibu_session={token}"));
        }
        if !cookies.is_empty() {
            request = request.header(COOKIE, cookies.join("; "));
        }
        Web::read(request.send().await.expect("the dashboard answers")).await
    }

    /// Opens the login form and submits it; keeps the session cookie when one is set.
    pub async fn log_in(&mut self, login: &str, password: &str) -> Page {
        let form_page = self.get("/login").await;
        let csrf = form_page.csrf_field();
        let cookie = format!(
            "zhibu_login_csrf={}",
            form_page.cookie("zhibu_login_csrf").expect("a login csrf cookie")
        );
        let answer = self
            .post("/login", &[("login", login), ("password", password), ("csrf", &csrf)], Some(&cookie))
            .await;
        if let Some(token) = answer.cookie("zhibu_session") {
            self.session = Some(token);
        }
        answer
    }

    /// Logs in and asserts it worked.
    pub async fn signed_in(base: &str, login: &str) -> Web {
        let mut web = Web::new(base);
        let answer = web.log_in(login, PASSWORD).await;
        assert_eq!(
            (answer.status, answer.location.as_deref()),
            (StatusCode::SEE_OTHER, Some("/")),
            "{}",
            answer.text()
        );
        web
    }
}

pub async fn audit_actions(app: &TestApp) -> Vec<String> {
    let mut conn = app.store.conn().await.unwrap();
    sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id").fetch_all(&mut *conn).await.unwrap()
}

#[tokio::test]
async fn an_office_user_logs_in_with_a_hashed_password_and_gets_a_strict_http_only_secure_cookie() {
    let (app, _, base) = app_with_dashboard().await;
    add_office_user(&app.db, "wang", Some("城关区委")).await;
    let mut conn = app.store.conn().await.unwrap();
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM office_users WHERE login = 'wang'")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    assert!(hash.starts_with("$argon2id$") && !hash.contains(PASSWORD), "{hash}");

    let mut web = Web::new(&base);
    let wrong = web.log_in("wang", "not the password").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text().contains("账号或密码不对"), "{}", wrong.text());
    assert!(web.session.is_none());

    let ok = web.log_in("wang", PASSWORD).await;
    assert_eq!((ok.status, ok.location.as_deref()), (StatusCode::SEE_OTHER, Some("/")));
    let cookie = ok.set_cookies.iter().find(|c| c.starts_with("zhibu_session=")).unwrap();
    for flag in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/", "Max-Age=28800"] {
        assert!(cookie.contains(flag), "{cookie} lacks {flag}");
    }
    let home = web.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.text().contains("三会一课完成情况") && home.text().contains("wang（城关区委）"));
    let actions = audit_actions(&app).await;
    for action in ["office.add", "office.login_failed", "office.login"] {
        assert!(actions.iter().any(|a| a == action), "no {action} in {actions:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_login_or_logout_without_its_csrf_token_is_refused_and_changes_nothing() {
    let (app, _, base) = app_with_dashboard().await;
    add_office_user(&app.db, "wang", Some("城关区委")).await;
    let web = Web::new(&base);
    // No token cookie (a form posted from another site): refused, no session.
    let forged =
        web.post("/login", &[("login", "wang"), ("password", PASSWORD), ("csrf", "abc")], None).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(forged.cookie("zhibu_session").is_none());
    assert!(forged.text().contains("页面已过期"), "{}", forged.text());

    let web = Web::signed_in(&base, "wang").await;
    let refused = web.post("/logout", &[("csrf", "not-the-token")], None).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(web.get("/").await.status, StatusCode::OK, "the session lives on");
    let csrf = web.get("/").await.csrf_field();
    let out = web.post("/logout", &[("csrf", &csrf)], None).await;
    assert_eq!((out.status, out.location.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
    assert_eq!(web.get("/").await.location.as_deref(), Some("/login"), "the session ended");
    app.stop().await;
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_login_for_fifteen_minutes_even_with_the_right_one() {
    let (app, clock, base) = app_with_dashboard().await;
    add_office_user(&app.db, "wang", Some("城关区委")).await;
    let mut web = Web::new(&base);
    for _ in 0..5 {
        assert_eq!(web.log_in("wang", "guess").await.status, StatusCode::UNAUTHORIZED);
    }
    let locked = web.log_in("wang", PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.text().contains("15分钟后再试"), "{}", locked.text());
    assert!(web.session.is_none());
    clock.set(clock.now() + chrono::Duration::minutes(16));
    assert_eq!(web.log_in("wang", PASSWORD).await.status, StatusCode::SEE_OTHER);
    assert!(audit_actions(&app).await.iter().any(|a| a == "office.login_throttled"));
    app.stop().await;
}

#[tokio::test]
async fn a_session_expires_after_eight_hours_and_the_browser_is_sent_to_the_login_form() {
    let (app, clock, base) = app_with_dashboard().await;
    add_office_user(&app.db, "wang", Some("城关区委")).await;
    let web = Web::signed_in(&base, "wang").await;
    clock.set(clock.now() + chrono::Duration::hours(7));
    assert_eq!(web.get("/overview").await.status, StatusCode::OK);
    clock.set(clock.now() + chrono::Duration::hours(2));
    let expired = web.get("/overview").await;
    assert_eq!((expired.status, expired.location.as_deref()), (StatusCode::SEE_OTHER, Some("/login")));
    app.stop().await;
}

#[tokio::test]
async fn the_office_commands_refuse_a_short_password_a_missing_district_and_an_unknown_branch_in_words() {
    let (app, _, _) = app_with_dashboard().await;
    let short = zhibu_with_input(&app.db, &["office", "add", "li", "--district", "某党委"], "123\n").await;
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("密码太短"));
    let nowhere = zhibu_with_input(&app.db, &["office", "add", "li"], &format!("{PASSWORD}\n")).await;
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("--district"));

    let a = branch_in(&app, "第一党支部", "城关区委").await;
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), format!("支部编号,党委\n{a},七里河区委\n999,安宁区委\n")).unwrap();
    let path = file.path().to_str().unwrap();
    let refused = zhibu_with_input(&app.db, &["branch", "districts", "import", path], "").await;
    assert!(String::from_utf8_lossy(&refused.stderr).contains("第3行：没有编号为 999 的支部"));
    let mut conn = app.store.conn().await.unwrap();
    let kept = zhibu::store::office::district_of(&mut conn, a).await.unwrap().flatten();
    assert_eq!(kept.as_deref(), Some("城关区委"), "nothing was imported");
    drop(conn);
    std::fs::write(file.path(), format!("支部编号,党委\n{a},七里河区委\n")).unwrap();
    let done = zhibu_with_input(&app.db, &["branch", "districts", "import", path], "").await;
    assert!(
        support::shell::stdout(&done).contains("已导入1个支部"),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let mut conn = app.store.conn().await.unwrap();
    let now = zhibu::store::office::district_of(&mut conn, a).await.unwrap().flatten();
    assert_eq!(now.as_deref(), Some("七里河区委"));
    drop(conn);
    app.stop().await;
}
