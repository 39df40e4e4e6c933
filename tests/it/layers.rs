//! The layers, checked from the sources: `domain` names no other layer and no Telegram or
//! database crate, `texts` names only `domain`, `app` and `store` never reach the chat transport.
//! A file that breaks a rule fails this test with the file, the line and what it named.

use std::path::{Path, PathBuf};

/// What each layer (a folder of `src/`) may not name: other layers of the crate and crates.
const RULES: &[(&str, &[&str], &[&str])] = &[
    ("domain", &["store", "app", "telegram", "texts", "cli", "operations", "startup"], &["teloxide", "sqlx"]),
    ("texts", &["store", "app", "telegram", "cli", "operations", "startup"], &["teloxide", "sqlx"]),
    ("app", &["telegram", "cli"], &["teloxide"]),
    ("store", &["app", "telegram", "texts", "cli"], &["teloxide"]),
    ("web", &["telegram", "cli", "operations"], &["teloxide", "sqlx"]),
];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The crate's modules a line names through `crate::…`, including `crate::{a, b::c}`.
fn crate_modules(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in line.match_indices("crate::") {
        let rest = &line[at + "crate::".len()..];
        if let Some(list) = rest.strip_prefix('{') {
            let list = &list[..list.find('}').unwrap_or(list.len())];
            found.extend(list.split(',').map(|p| first_segment(p.trim())));
        } else {
            found.push(first_segment(rest));
        }
    }
    found.into_iter().filter(|s| !s.is_empty()).collect()
}

fn first_segment(path: &str) -> String {
    path.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

fn is_code(line: &str) -> bool {
    let line = line.trim_start();
    !(line.starts_with("//") || line.starts_with("///") || line.starts_with("//!"))
}

#[test]
fn each_layer_names_only_what_lies_beneath_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    for (layer, modules, crates) in RULES {
        let files = rust_files(&src.join(layer));
        assert!(!files.is_empty(), "no sources found for the layer {layer}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate().filter(|(_, l)| is_code(l)) {
                let named = crate_modules(line).into_iter().filter(|m| modules.contains(&m.as_str()));
                let crates_named = crates.iter().filter(|c| {
                    line.contains(&format!("{c}::"))
                        || line.contains(&format!("use {c}"))
                        || line.contains(&format!("{c}("))
                });
                for what in named.chain(crates_named.map(|c| c.to_string())) {
                    let shown = file.strip_prefix(&src).unwrap().display();
                    broken.push(format!("src/{shown}:{}: {layer} names {what}", n + 1));
                }
            }
        }
    }
    assert!(broken.is_empty(), "layers broken:\n{}", broken.join("\n"));
}

#[test]
fn the_checker_sees_grouped_and_plain_paths() {
    assert_eq!(crate_modules("use crate::{store::Conn, app};"), ["store", "app"]);
    assert_eq!(crate_modules("let x = crate::texts::dates::full_date(d);"), ["texts"]);
    assert!(!is_code("    /// see crate::store"));
}
