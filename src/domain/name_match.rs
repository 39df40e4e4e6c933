//! Which roster names a mistyped name may have meant ("张得明" for 张德明): those one character
//! apart, or holding it whole, nearest first — for the secretary to choose, never to assume.

/// At most this many names are offered.
const MAX_OFFERED: usize = 4;

/// The names among `roster` nearest to `typed`, nearest first (a name appears once).
pub fn nearest<'a>(typed: &str, roster: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed: Vec<char> = typed.chars().collect();
    let mut scored: Vec<(usize, &str)> = roster
        .into_iter()
        .filter_map(|name| {
            let chars: Vec<char> = name.chars().collect();
            let distance = edit_distance(&typed, &chars);
            let holds = typed.len() >= 2 && contains(&chars, &typed);
            (distance <= 1 || holds).then_some((distance, name))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(MAX_OFFERED).map(|(_, name)| name).collect()
}

fn contains(hay: &[char], needle: &[char]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substituted = previous + usize::from(ca != cb);
            previous = row[j + 1];
            row[j + 1] = substituted.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROSTER: [&str; 5] = ["张德明", "李秀英", "王建国", "张德", "刘玉兰"];

    #[test]
    fn one_wrong_character_finds_the_member() {
        assert_eq!(nearest("张得明", ROSTER), vec!["张德明"]);
    }

    #[test]
    fn a_given_name_alone_finds_who_holds_it() {
        assert_eq!(nearest("德明", ROSTER), vec!["张德明"]);
        assert_eq!(nearest("秀英", ROSTER), vec!["李秀英"]);
    }

    #[test]
    fn a_stranger_is_near_nobody() {
        assert!(nearest("李书记", ROSTER).is_empty());
        assert!(nearest("区委组织部陈处长", ROSTER).is_empty());
    }
}
