//! Member names in front of (or inside) a reply: every way a name is written (王建国, 王建国同志,
//! 老王, 王老, 建国), built once per roster and looked up by length, so a reply costs the same
//! whatever the size of the branch.

use std::collections::HashSet;

use super::normalise::{Normalised, normalise};

/// Two-character surnames, so that 欧阳明 is addressed as 老欧阳, not 老欧.
const COMPOUND_SURNAMES: [&str; 16] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "尉迟", "公孙", "长孙",
    "宇文", "轩辕", "端木",
];

/// The ways the members' names appear in a reply: 王建国, 王建国同志, 老王, 王老, 建国, 建国同志.
#[derive(Debug, Clone, Default)]
pub struct NameForms {
    forms: HashSet<Vec<char>>,
    /// The lengths the forms have, longest first.
    lengths: Vec<usize>,
}

impl NameForms {
    /// The forms of these members' names.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameForms {
        let mut forms = NameForms::default();
        for name in names {
            for form in forms_of(name) {
                forms.add(form);
            }
        }
        forms
    }

    /// Adds the forms of another roster (a member of several branches writing in private).
    pub fn extend(&mut self, other: &NameForms) {
        for form in &other.forms {
            self.add(form.clone());
        }
    }

    fn add(&mut self, form: Vec<char>) {
        if !self.lengths.contains(&form.len()) {
            self.lengths.push(form.len());
            self.lengths.sort_unstable_by(|a, b| b.cmp(a));
        }
        self.forms.insert(form);
    }

    /// The length of the longest form `chars` starts with.
    fn longest_prefix(&self, chars: &[char]) -> Option<usize> {
        self.lengths.iter().copied().find(|&len| len <= chars.len() && self.forms.contains(&chars[..len]))
    }

    /// The length of the longest form `chars` ends with, leaving something in front of it.
    fn longest_proper_suffix(&self, chars: &[char]) -> Option<usize> {
        self.lengths
            .iter()
            .copied()
            .find(|&len| len < chars.len() && self.forms.contains(&chars[chars.len() - len..]))
    }

    /// Whether a form stands anywhere in `chars`.
    fn occurs_in(&self, chars: &[char]) -> bool {
        self.lengths.iter().any(|&len| chars.windows(len).any(|w| self.forms.contains(w)))
    }
}

/// The ways one member's name appears: 王建国, 王建国同志, 老王, 王老, and 建国, 建国同志 when
/// the given name has two characters or more; nothing for a name shorter than two characters.
fn forms_of(name: &str) -> Vec<Vec<char>> {
    let full = normalise(name).chars;
    if full.len() < 2 {
        return Vec::new();
    }
    let full_text: String = full.iter().collect();
    let surname_len = if COMPOUND_SURNAMES.iter().any(|s| full_text.starts_with(s)) { 2 } else { 1 };
    let surname: String = full[..surname_len].iter().collect();
    let given: String = full[surname_len..].iter().collect();
    let mut candidates =
        vec![format!("{full_text}同志"), full_text.clone(), format!("老{surname}"), format!("{surname}老")];
    if given.chars().count() >= 2 {
        candidates.push(format!("{given}同志"));
        candidates.push(given);
    }
    candidates.into_iter().map(|f| f.chars().collect()).collect()
}

/// Strip member names (and 我是 / 和 around them) from the front, and one name from the end.
/// Returns the rest and how many names were stripped.
pub(super) fn strip_names(norm: &Normalised, names: &NameForms) -> (Normalised, usize) {
    let mut rest = norm.clone();
    let mut count = 0;
    // A bare name, or one introduced by 我是 (我是王建国) or joined by 和/跟 (王建国和李秀英).
    let introducers: [&[char]; 4] = [&[], &['我', '是'], &['和'], &['跟']];
    loop {
        let mut stripped = false;
        for intro in introducers {
            if !rest.chars.starts_with(intro) {
                continue;
            }
            if let Some(len) = names.longest_prefix(&rest.chars[intro.len()..]) {
                rest = rest.slice(intro.len() + len, rest.len());
                count += 1;
                stripped = true;
                break;
            }
        }
        if !stripped {
            break;
        }
    }
    if let Some(len) = names.longest_proper_suffix(&rest.chars) {
        rest = rest.slice(0, rest.len() - len);
        count += 1;
    }
    (rest, count)
}

/// Whether a member's name still stands somewhere in the reply (我和李秀英都参加).
pub(super) fn mentions_name(core: &Normalised, names: &NameForms) -> bool {
    names.occurs_in(&core.chars)
}
