//! Roster import against a real database: every sample file gives the same 24 members, a second
//! import duplicates nothing, an updated file updates, and a fatal error writes nothing.

use super::support;

use support::db::TestDb;
use zhibu::app::roster_import::{self, ImportError};
use zhibu::store::{self, Store};

const SAMPLES: [&str; 3] = ["sample-roster.csv", "sample-roster-gbk.csv", "sample-roster.xlsx"];

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/roster/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

async fn fresh() -> (TestDb, Store, i64) {
    let db = TestDb::new().await;
    let store = Store::open(&db.url).await.unwrap();
    let branch = zhibu::app::branches::create(&store, "第一党支部", "Asia/Shanghai", 1).await.unwrap().id;
    (db, store, branch)
}

type Summary =
    (String, Option<String>, Option<String>, Option<String>, String, Option<String>, Option<String>);

async fn members(store: &Store, branch: i64) -> Vec<Summary> {
    let mut conn = store.conn().await.unwrap();
    store::members::list(&mut conn, branch)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.name, m.phone, m.birth_date, m.joined_on, m.membership, m.party_group, m.contact_name))
        .collect()
}

#[tokio::test]
async fn each_sample_file_gives_the_same_24_members() {
    let mut seen = Vec::new();
    for file in SAMPLES {
        let (db, store, branch) = fresh().await;
        let report = roster_import::import(&store, branch, file, &sample(file), 2).await.unwrap();
        assert_eq!(report.added, 24, "{file}");
        assert!(
            report.notices.iter().any(|n| n.contains("张德明") && n.contains("没有手机号")),
            "{file}: {:?}",
            report.notices
        );
        let list = members(&store, branch).await;
        assert_eq!(list.len(), 24);
        let wang: Vec<_> = list.iter().filter(|m| m.0 == "王建国").collect();
        assert_eq!(wang.len(), 2, "two members share a name");
        assert!(list.iter().any(|m| m.0 == "高德胜"), "stray spaces are trimmed");
        assert!(list.iter().any(|m| m.0 == "刘玉兰" && m.1.as_deref() == Some("13800138004")));
        assert!(list.iter().any(|m| m.0 == "杨桂芝" && m.1.as_deref() == Some("13800138006")));
        assert!(list.iter().any(|m| m.0 == "张德明" && m.2.as_deref() == Some("1929-11-08")));
        assert!(list.iter().any(|m| m.0 == "徐丽华" && m.4 == "probationary"));
        seen.push(list);
        store.close().await;
        db.cleanup().await;
    }
    assert_eq!(seen[0], seen[1], "UTF-8 and GBK agree");
    assert_eq!(seen[0], seen[2], "CSV and XLSX agree");
}

#[tokio::test]
async fn importing_every_sample_into_one_branch_duplicates_nothing() {
    let (db, store, branch) = fresh().await;
    roster_import::import(&store, branch, SAMPLES[0], &sample(SAMPLES[0]), 2).await.unwrap();
    let before = members(&store, branch).await;
    for file in SAMPLES {
        let report = roster_import::import(&store, branch, file, &sample(file), 3).await.unwrap();
        assert_eq!((report.added, report.updated, report.unchanged), (0, 0, 24), "{file}");
    }
    assert_eq!(members(&store, branch).await, before);
    store.close().await;
    db.cleanup().await;
}

#[tokio::test]
async fn an_updated_file_updates_members_instead_of_duplicating_them() {
    let (db, store, branch) = fresh().await;
    roster_import::import(&store, branch, "r.csv", &sample(SAMPLES[0]), 2).await.unwrap();
    let text = String::from_utf8(sample(SAMPLES[0])).unwrap();
    // 周淑珍 moves to another party group (matched by phone); 孙文斌 gets a new phone (matched by
    // name and birth date); 张德明 gets a phone at last.
    let updated = text
        .replace(
            "周淑珍,女,1943-04-21,1966-01-15,正式,退休,第一党小组",
            "周淑珍,女,1943-04-21,1966-01-15,正式,退休,第二党小组",
        )
        .replace("13800138012", "13900139012")
        .replace("第二党小组,,赵红梅", "第二党小组,13800138099,赵红梅");
    let report = roster_import::import(&store, branch, "r.csv", updated.as_bytes(), 3).await.unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (0, 3, 21));
    let list = members(&store, branch).await;
    assert_eq!(list.len(), 24);
    assert!(list.iter().any(|m| m.0 == "周淑珍" && m.5.as_deref() == Some("第二党小组")));
    assert!(list.iter().any(|m| m.0 == "孙文斌" && m.1.as_deref() == Some("13900139012")));
    assert!(list.iter().any(|m| m.0 == "张德明" && m.1.as_deref() == Some("13800138099")));
    store.close().await;
    db.cleanup().await;
}

#[tokio::test]
async fn problem_rows_are_reported_and_the_rest_imported() {
    let (db, store, branch) = fresh().await;
    let text = "党员花名册\n姓名,手机号,出生日期\n王一,13800000001,1950-01-01\n,13800000002,1950-01-01\n李二,12345,1950/13/45\n";
    let report = roster_import::import(&store, branch, "messy.csv", text.as_bytes(), 2).await.unwrap();
    assert_eq!(report.added, 2);
    assert!(report.notices.iter().any(|n| n.starts_with("第4行")), "{:?}", report.notices);
    assert!(
        report.notices.iter().any(|n| n.starts_with("第5行") && n.contains("12345")),
        "{:?}",
        report.notices
    );
    store.close().await;
    db.cleanup().await;
}

#[tokio::test]
async fn a_fatal_error_leaves_the_database_as_it_was() {
    let (db, store, branch) = fresh().await;
    roster_import::import(&store, branch, "r.csv", &sample(SAMPLES[0]), 2).await.unwrap();
    let before = members(&store, branch).await;
    let err =
        roster_import::import(&store, branch, "r.csv", "没有表头\n1,2,3\n".as_bytes(), 3).await.unwrap_err();
    assert!(matches!(err, ImportError::Unreadable(ref m) if m.contains("姓名")), "{err}");
    let err = roster_import::import(&store, branch, "r.pdf", b"%PDF", 3).await.unwrap_err();
    assert!(matches!(err, ImportError::Unreadable(_)));
    assert!(matches!(
        roster_import::import(&store, 999, "r.csv", &sample(SAMPLES[0]), 3).await,
        Err(ImportError::NoBranch(999))
    ));
    assert_eq!(members(&store, branch).await, before);
    store.close().await;
    db.cleanup().await;
}
