//! Normalising a reply: simplified characters, one width, lower case, no punctuation, emoji,
//! spaces or invisible characters (names in front are `names`' business).

/// The two emoji that carry meaning on their own (a thumbs-up and an OK hand); all others are noise.
pub(super) const MEANINGFUL_EMOJI: [char; 2] = ['👍', '👌'];

/// The meaningful characters of a reply, each remembering whether a separator (punctuation,
/// space, emoji) stood before it, so a leave reason can be given back with its commas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Normalised {
    pub chars: Vec<char>,
    pub gap_before: Vec<bool>,
}

impl Normalised {
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The characters `start..end`, the first of them no longer preceded by a gap.
    pub fn slice(&self, start: usize, end: usize) -> Normalised {
        let mut gap_before = self.gap_before[start..end].to_vec();
        if let Some(first) = gap_before.first_mut() {
            *first = false;
        }
        Normalised { chars: self.chars[start..end].to_vec(), gap_before }
    }
}

/// Full-width ASCII (Ａ, １, ：, ？) to half-width, and the ideographic space to a plain one.
pub(super) fn to_half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '〇')
}

fn is_meaningful(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_han(c) || MEANINGFUL_EMOJI.contains(&c)
}

/// Whether the raw text asks something (a question mark of either width) or carries a link:
/// such messages are never answers.
pub(super) fn is_question_or_link(text: &str) -> bool {
    let half: String = text.chars().map(to_half_width).collect::<String>().to_ascii_lowercase();
    half.contains('?') || half.contains("://") || half.contains("www.") || half.contains("t.me/")
}

/// Characters that show nothing (zero-width spaces and joiners, direction marks, the byte-order
/// mark, a soft hyphen): a phone keyboard or a copy from elsewhere leaves them inside words.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Keep letters, digits, Chinese characters (traditional ones read as their simplified forms:
/// 參加 is 参加) and the two meaningful emoji; drop invisible characters as if they were not there,
/// and everything else (punctuation of both widths, other emoji, spaces) and `@mentions`,
/// remembering the gaps.
pub(super) fn normalise(text: &str) -> Normalised {
    let visible: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    let chars: Vec<char> = fast2s::convert(&visible).chars().map(to_half_width).collect();
    let mut out = Normalised::default();
    let mut gap = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c == '@' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            gap = true;
        } else if is_meaningful(c) {
            out.gap_before.push(gap && !out.chars.is_empty());
            out.chars.push(c.to_ascii_lowercase());
            gap = false;
        } else {
            gap = true;
        }
    }
    out
}
