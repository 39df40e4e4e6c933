//! The dashboard in a real headless browser: Chromium from the system packages, driven through
//! chromedriver (WebDriver) by `fantoccini`. It logs in, filters to one district, opens a branch
//! and downloads its record book; without a session every page sends it to the login form.
//! Without Chromium this test FAILS, naming the package to install — it never passes silently.
//!
//! Set `ZHIBU_SCREENSHOTS=DIR` to also save a screenshot of each page (the README's pictures).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use super::dashboard::{PASSWORD, add_office_user, app_with_dashboard, audit_actions, branch_in};

const INSTALL: &str = "apt-get install -y chromium chromium-driver";

/// A program on PATH, or the failure that says how to install it.
fn on_path(name: &str) -> PathBuf {
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|p| p.join(name)).find(|p| p.is_file()));
    found
        .unwrap_or_else(|| panic!("the browser test needs `{name}`, which is not installed: run `{INSTALL}`"))
}

/// chromedriver on a free port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_driver() -> Driver {
    on_path("chromium");
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new(on_path("chromedriver"))
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    // Owned at once, so it is killed and waited for on every path.
    let driver = Driver { child, url: format!("http://127.0.0.1:{port}") };
    for _ in 0..100 {
        if reqwest::get(format!("{}/status", driver.url)).await.is_ok() {
            return driver;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start on port {port}");
}

async fn browser(driver: &Driver, downloads: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".to_owned(),
        json!({
            "binary": on_path("chromium"),
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"],
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
            }
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector).capabilities(caps).connect(&driver.url).await.expect("a Chromium session")
}

async fn path_of(client: &Client) -> String {
    client.current_url().await.unwrap().path().to_owned()
}

async fn wait_until_url(client: &Client, part: &str) {
    for _ in 0..100 {
        if client.current_url().await.unwrap().as_str().contains(part) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the browser never reached a URL with {part}");
}

async fn page_text(client: &Client) -> String {
    client.find(Locator::Css("body")).await.unwrap().text().await.unwrap()
}

/// Saves a screenshot when `ZHIBU_SCREENSHOTS` names a folder.
async fn picture(client: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("ZHIBU_SCREENSHOTS") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}.png")), client.screenshot().await.unwrap())
            .unwrap();
    }
}

async fn wait_for_file(dir: &Path) -> Vec<u8> {
    for _ in 0..100 {
        let done = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "xlsx"));
        if let Some(file) = done {
            return std::fs::read(file).unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the record book was not downloaded into {}", dir.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dashboard_browser_logs_in_filters_to_a_district_opens_a_branch_and_downloads_its_record_book() {
    let driver = start_driver().await;
    let (app, _, base) = app_with_dashboard().await;
    // `localhost` is a secure context: the browser keeps the Secure cookie over plain HTTP there.
    let base = base.replace("127.0.0.1", "localhost");
    let a = branch_in(&app, "城关第一党支部", "城关区委").await;
    let b = branch_in(&app, "七里河第二党支部", "七里河区委").await;
    app.import_sample_roster(a).await;
    add_office_user(&app.db, "sheng", None).await;
    let downloads = tempfile::tempdir().unwrap();
    let client = browser(&driver, downloads.path()).await;

    // No page without a session.
    for url in ["/", "/overview", &format!("/branch/{a}")] {
        client.goto(&format!("{base}{url}")).await.unwrap();
        assert_eq!(path_of(&client).await, "/login", "{url}");
    }
    picture(&client, "login").await;
    client.find(Locator::Css("input[name=login]")).await.unwrap().send_keys("sheng").await.unwrap();
    client.find(Locator::Css("input[name=password]")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    client.find(Locator::Css("button[type=submit]")).await.unwrap().click().await.unwrap();
    client.wait().for_element(Locator::Css("table#matrix")).await.unwrap();
    assert_eq!(path_of(&client).await, "/");
    let all = page_text(&client).await;
    assert!(all.contains("城关第一党支部") && all.contains("七里河第二党支部"), "{all}");

    // Filter to one district.
    let select = client.find(Locator::Css("select[name=district]")).await.unwrap();
    select.select_by_value("七里河区委").await.unwrap();
    client.find(Locator::Css("form.filters button")).await.unwrap().click().await.unwrap();
    wait_until_url(&client, "district=").await;
    let one = page_text(&client).await;
    assert!(one.contains("七里河第二党支部") && !one.contains("城关第一党支部"), "{one}");
    picture(&client, "matrix").await;

    // Open the branch from the matrix.
    client.find(Locator::LinkText("七里河第二党支部")).await.unwrap().click().await.unwrap();
    client.wait().for_element(Locator::Css("ul#compliance")).await.unwrap();
    assert_eq!(path_of(&client).await, format!("/branch/{b}"));
    client.goto(&format!("{base}/branch/{a}")).await.unwrap();
    client.wait().for_element(Locator::Css("a#records-xlsx")).await.unwrap();
    assert!(page_text(&client).await.contains("党员"), "the branch page of 城关第一党支部");
    picture(&client, "branch").await;

    // Download its record book.
    client.find(Locator::Css("a#records-xlsx")).await.unwrap().click().await.unwrap();
    let xlsx = wait_for_file(downloads.path()).await;
    assert!(xlsx.starts_with(b"PK"), "an XLSX (zip) file");
    assert!(audit_actions(&app).await.iter().any(|a| a == "office.export"));

    client.goto(&format!("{base}/overview")).await.unwrap();
    client.wait().for_element(Locator::Css("table#attendance")).await.unwrap();
    picture(&client, "overview").await;

    // Logged out (the cookie gone), every page is the login form again.
    client.delete_all_cookies().await.unwrap();
    client.goto(&format!("{base}/branch/{a}")).await.unwrap();
    assert_eq!(path_of(&client).await, "/login");
    client.close().await.unwrap();
    app.stop().await;
}
