//! The layers, checked from the sources: `domain` names no other layer and no Telegram or
//! database crate, `texts` names only `domain`, `app` and `store` never reach the conversation or
//! the chat transport, and the conversation (`chat`) names no platform.
//! A file that breaks a rule fails this test with the file, the line and what it named.

use std::path::{Path, PathBuf};

/// What each layer (a folder of `src/`) may not name: other layers of the crate and crates.
const RULES: &[(&str, &[&str], &[&str])] = &[
    (
        "domain",
        &["store", "app", "chat", "telegram", "texts", "cli", "operations", "startup", "web"],
        &["teloxide", "sqlx"],
    ),
    (
        "texts",
        &["store", "app", "chat", "telegram", "cli", "operations", "startup", "web"],
        &["teloxide", "sqlx"],
    ),
    ("app", &["chat", "telegram", "cli", "web"], &["teloxide"]),
    ("store", &["app", "chat", "telegram", "texts", "cli", "web"], &["teloxide"]),
    ("chat", &["telegram", "cli", "operations", "startup", "web"], &["teloxide"]),
    ("web", &["chat", "telegram", "cli", "operations"], &["teloxide", "sqlx"]),
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

/// The features of a layer a file names: `prefix::x`, `prefix::{x, y::z}`, and, for a file directly
/// in the layer's folder, `super::x`.
fn features_named(line: &str, prefix: &str, direct: bool) -> Vec<String> {
    let mut found = Vec::new();
    let mut prefixes = vec![format!("{prefix}::")];
    if direct {
        prefixes.push("super::".to_owned());
    }
    for p in &prefixes {
        for (at, _) in line.match_indices(p.as_str()) {
            let rest = &line[at + p.len()..];
            if let Some(list) = rest.strip_prefix('{') {
                let list = &list[..list.find('}').unwrap_or(list.len())];
                found.extend(list.split(',').map(|p| first_segment(p.trim())));
            } else {
                found.push(first_segment(rest));
            }
        }
    }
    found.into_iter().filter(|s| !s.is_empty() && s != "self").collect()
}

/// Each feature module of `folder` (a file or a sub-folder of it) and the features it names.
fn feature_graph(
    folder: &str,
    prefix: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(folder);
    let mut graph = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    for file in rust_files(&root) {
        let relative = file.strip_prefix(&root).unwrap();
        let first = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        let feature = first.trim_end_matches(".rs").to_owned();
        if feature == "mod" {
            continue;
        }
        let direct = relative.components().count() == 1;
        let text = std::fs::read_to_string(&file).unwrap();
        let named: Vec<String> =
            text.lines().filter(|l| is_code(l)).flat_map(|l| features_named(l, prefix, direct)).collect();
        let edges = graph.entry(feature.clone()).or_default();
        edges.extend(named.into_iter().filter(|n| *n != feature));
    }
    graph
}

/// A cycle through `from`, if any, as the features along it.
fn cycle_from(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    from: &str,
) -> Option<Vec<String>> {
    let mut stack = vec![(from.to_owned(), vec![from.to_owned()])];
    let mut seen = std::collections::BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == from {
                return Some([path.clone(), vec![from.to_owned()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

/// Features may share a leaf module (one that names no other feature), but never import each
/// other round in a circle: a registry and its entries, a feature and its helpers.
#[test]
fn no_feature_imports_another_that_imports_it_back() {
    let mut cycles = Vec::new();
    for (folder, prefix) in [("app", "crate::app"), ("chat/handlers", "crate::chat::handlers")] {
        let graph = feature_graph(folder, prefix);
        assert!(graph.len() > 5, "no features found in src/{folder}");
        for feature in graph.keys() {
            if let Some(cycle) = cycle_from(&graph, feature) {
                cycles.push(format!("src/{folder}: {}", cycle.join(" → ")));
            }
        }
    }
    assert!(cycles.is_empty(), "features import each other:\n{}", cycles.join("\n"));
}

#[test]
fn the_cycle_checker_sees_a_cycle() {
    let mut graph = std::collections::BTreeMap::<String, std::collections::BTreeSet<String>>::new();
    graph.entry("words".into()).or_default().insert("meeting".into());
    graph.entry("meeting".into()).or_default().insert("words".into());
    assert_eq!(cycle_from(&graph, "words"), Some(vec!["words".into(), "meeting".into(), "words".into()]));
    assert_eq!(features_named("use super::{a, b::c};", "crate::app", true), ["a", "b"]);
    assert!(features_named("use super::x;", "crate::app", false).is_empty());
}

/// The store's functions a line calls or imports as a module: `store::x::f`, `store::f(`,
/// `store::x::{self, …}` — anything but types (`store::x::SomeRow`, `StoreResult`, `Conn`).
fn store_functions_named(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in line.match_indices("store::") {
        if line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &line[at + "store::".len()..];
        let first = first_segment(rest);
        let after_first = &rest[first.len()..];
        let starts_lower = |s: &str| s.chars().next().is_some_and(|c| c.is_lowercase());
        if let Some(deeper) = after_first.strip_prefix("::") {
            if let Some(list) = deeper.strip_prefix('{') {
                let list = &list[..list.find('}').unwrap_or(list.len())];
                for item in list.split(',').map(str::trim) {
                    if item == "self" || starts_lower(item) {
                        found.push(format!("store::{first}::{item}"));
                    }
                }
            } else if starts_lower(deeper) {
                found.push(format!("store::{first}::{}", first_segment(deeper)));
            }
        } else if starts_lower(&first) && after_first.starts_with('(') {
            found.push(format!("store::{first}"));
        }
    }
    found
}

/// The conversation and the command line reach the database only through `app`'s doors: they may
/// name the store's row types, never call the store itself.
#[test]
fn the_conversation_and_the_command_line_reach_the_store_only_through_app() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    let mut files = rust_files(&src.join("chat"));
    files.extend(rust_files(&src.join("cli")));
    files.push(src.join("cli.rs"));
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate().filter(|(_, l)| is_code(l)) {
            for what in store_functions_named(line) {
                let shown = file.strip_prefix(&src).unwrap().display();
                broken.push(format!("src/{shown}:{}: {what}", n + 1));
            }
        }
    }
    assert!(broken.is_empty(), "the store reached past app:\n{}", broken.join("\n"));
}

#[test]
fn the_store_checker_tells_functions_from_types() {
    assert_eq!(store_functions_named("store::members::list(ctx.tx, 1)"), ["store::members::list"]);
    assert_eq!(store_functions_named("use crate::store::inbox::{self, InboxState};"), ["store::inbox::self"]);
    assert_eq!(store_functions_named("crate::store::abandon(tx)"), ["store::abandon"]);
    assert!(store_functions_named("use crate::store::{self, StoreResult, members::MemberRow};").is_empty());
    assert!(store_functions_named("let a = store::audit::Actor::Telegram(1);").is_empty());
    assert!(store_functions_named("fn f(conn: &mut store::Conn) -> app_store::x::y()").is_empty());
}
