//! The packaging an operator deploys from: `compose.yaml` parses and runs zhibu alone on SQLite
//! with its database on a volume, or two instances on PostgreSQL under a profile; the systemd
//! unit passes `systemd-analyze verify` where it exists; the image builds where a container
//! engine runs.

use std::path::Path;
use std::process::Command;

use serde_yaml::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn compose() -> Value {
    let mut compose: Value = serde_yaml::from_str(&read("compose.yaml")).expect("compose.yaml is YAML");
    compose.apply_merge().expect("merge keys resolve");
    compose
}

fn env_of<'a>(service: &'a Value, key: &str) -> Option<&'a str> {
    service["environment"][key].as_str()
}

#[test]
fn compose_runs_zhibu_alone_on_sqlite_with_its_database_on_a_volume() {
    let compose = compose();
    let zhibu = &compose["services"]["zhibu"];
    assert!(zhibu["profiles"].is_null(), "the SQLite service needs no profile");
    assert!(env_of(zhibu, "ZHIBU_DATABASE_URL").is_some_and(|u| u.starts_with("sqlite:///var/lib/zhibu/")));
    let volumes: Vec<&str> =
        zhibu["volumes"].as_sequence().unwrap().iter().filter_map(Value::as_str).collect();
    assert_eq!(volumes, ["zhibu-data:/var/lib/zhibu"]);
    assert!(compose["volumes"].get("zhibu-data").is_some());
    assert!(env_of(zhibu, "TELOXIDE_TOKEN").is_some_and(|t| t.starts_with("${TELOXIDE_TOKEN")));
    assert_eq!(env_of(zhibu, "ZHIBU_ADMIN_LISTEN"), Some("0.0.0.0:9090"));
}

#[test]
fn compose_has_a_postgres_profile_with_two_instances_sharing_one_database() {
    let compose = compose();
    let services = compose["services"].as_mapping().unwrap();
    let in_profile: Vec<&str> = services
        .iter()
        .filter(|(_, s)| s["profiles"].as_sequence().is_some_and(|p| p.contains(&Value::from("postgres"))))
        .filter_map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(in_profile, ["postgres", "zhibu-pg-1", "zhibu-pg-2"]);
    let urls: Vec<&str> = ["zhibu-pg-1", "zhibu-pg-2"]
        .iter()
        .map(|name| env_of(&compose["services"][*name], "ZHIBU_DATABASE_URL").expect("a database URL"))
        .collect();
    assert!(urls[0].starts_with("postgres://") && urls[0] == urls[1], "{urls:?}");
    for name in ["zhibu-pg-1", "zhibu-pg-2"] {
        let service = &compose["services"][name];
        assert_eq!(service["depends_on"]["postgres"]["condition"], "service_healthy");
        assert!(env_of(service, "TELOXIDE_TOKEN").is_some());
    }
}

#[test]
fn the_dockerfile_runs_zhibu_as_a_non_root_user_with_the_database_on_a_volume() {
    let dockerfile = read("Dockerfile");
    let froms = dockerfile.lines().filter(|l| l.starts_with("FROM ")).count();
    assert!(froms >= 2, "multi-stage");
    let user = dockerfile.lines().rev().find_map(|l| l.strip_prefix("USER ")).expect("a USER");
    assert!(!user.starts_with("root") && !user.starts_with('0'), "{user}");
    assert!(dockerfile.contains("VOLUME [\"/var/lib/zhibu\"]"));
    assert!(dockerfile.contains("ZHIBU_DATABASE_URL=sqlite:///var/lib/zhibu/"));
}

#[test]
fn the_systemd_unit_restarts_on_failure_keeps_state_and_is_hardened() {
    let unit = read("deploy/zhibu.service");
    for line in [
        "Restart=on-failure",
        "StateDirectory=zhibu",
        "KillSignal=SIGTERM",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "UMask=0077",
    ] {
        assert!(unit.lines().any(|l| l == line), "{line}");
    }
    let Ok(probe) = Command::new("systemd-analyze").arg("--version").output() else {
        return; // No systemd tools here: the lines above are all that can be checked.
    };
    assert!(probe.status.success());
    let dir = tempfile::tempdir().unwrap();
    let here = dir.path().join("zhibu.service");
    std::fs::write(&here, unit.replace("/usr/local/bin/zhibu", env!("CARGO_BIN_EXE_zhibu"))).unwrap();
    let verified = Command::new("systemd-analyze").arg("verify").arg(&here).output().unwrap();
    let said = String::from_utf8_lossy(&verified.stderr);
    assert!(verified.status.success() && !said.contains("zhibu.service:"), "{said}");
}

#[test]
fn the_image_builds_where_a_container_engine_runs() {
    let engine_runs = Command::new("docker").arg("info").output().is_ok_and(|o| o.status.success());
    if !engine_runs {
        return; // No container engine on this machine.
    }
    let built = Command::new("docker").args(["build", "--quiet", "-t", "zhibu:test", ROOT]).output().unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let help = Command::new("docker").args(["run", "--rm", "zhibu:test", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("zhibu"));
}

/// Every top-level directory a source file embeds from (`include_bytes!("…/assets/…")`).
fn embedded_dirs(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            embedded_dirs(&path, found);
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (at, _) in text.match_indices("include_bytes!(\"") {
            let rest = &text[at + "include_bytes!(\"".len()..];
            let included = &rest[..rest.find('"').unwrap()];
            let top = included.split('/').find(|p| *p != "..").unwrap().to_owned();
            if !found.contains(&top) {
                found.push(top);
            }
        }
    }
}

#[test]
fn the_dockerfile_copies_every_directory_the_build_embeds_files_from() {
    let dockerfile = read("Dockerfile");
    let mut dirs = Vec::new();
    embedded_dirs(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut dirs);
    assert!(dirs.contains(&"assets".to_owned()), "the chart font is embedded: {dirs:?}");
    for dir in dirs {
        assert!(dockerfile.lines().any(|l| l == format!("COPY {dir} {dir}")), "COPY {dir} {dir}");
    }
}
