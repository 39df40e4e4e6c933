//! Reading a phrase character by character: words, numbers (Arabic or Chinese), weekdays.

/// Chinese digits for summaries, index = value.
pub(super) const CN_DIGITS: [&str; 11] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
/// Weekday words in summaries, Monday first.
pub(super) const CN_WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// Full-width ASCII (digits, colon, comma, tilde…) to half-width, ideographic space to space,
/// and the few traditional characters schedule phrases use (點 週 禮 號 個 時 兩…) to simplified.
pub(super) fn to_half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '點' => '点',
            '週' => '周',
            '禮' => '礼',
            '號' => '号',
            '個' => '个',
            '時' => '时',
            '兩' => '两',
            '後' => '后',
            '間' => '间',
            '裡' => '里',
            '與' => '与',
            '〜' | '—' | '–' => '~',
            _ => c,
        })
        .collect()
}

/// A phrase (already half-width, without spaces) and the position read so far.
pub(super) struct Cursor {
    pub(super) chars: Vec<char>,
    pub(super) pos: usize,
}

impl Cursor {
    pub(super) fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    pub(super) fn eat(&mut self, word: &str) -> bool {
        let mut at = self.pos;
        for c in word.chars() {
            if self.chars.get(at) != Some(&c) {
                return false;
            }
            at += 1;
        }
        self.pos = at;
        true
    }

    /// The first word of `words` found here (list longer words first).
    pub(super) fn eat_any<'w>(&mut self, words: &[&'w str]) -> Option<&'w str> {
        words.iter().copied().find(|w| self.eat(w))
    }

    /// An Arabic number, or a Chinese one up to 99 (十五, 二十, 两, 零五).
    pub(super) fn number(&mut self) -> Option<u32> {
        let start = self.pos;
        if self.peek().is_some_and(|c| c.is_ascii_digit()) {
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
            }
            let digits: String = self.chars[start..self.pos].iter().collect();
            return digits.parse().ok().filter(|_| self.pos - start <= 4);
        }
        while self.peek().is_some_and(|c| c == '十' || cn_digit(c).is_some()) {
            self.pos += 1;
        }
        let run = &self.chars[start..self.pos];
        let value = match run.iter().position(|&c| c == '十') {
            _ if run.is_empty() => None,
            Some(ten) => {
                let (tens, units) = (&run[..ten], &run[ten + 1..]);
                let tens = match tens {
                    [] => Some(1),
                    [c] => cn_digit(*c).filter(|&d| d > 0),
                    _ => None,
                };
                let units = match units {
                    [] => Some(0),
                    [c] => cn_digit(*c),
                    _ => None,
                };
                tens.zip(units).map(|(t, u)| t * 10 + u)
            }
            None if run.len() <= 2 => run.iter().try_fold(0, |acc, &c| cn_digit(c).map(|d| acc * 10 + d)),
            None => None,
        };
        if value.is_none() {
            self.pos = start;
        }
        value
    }

    /// One weekday character after 周/星期/礼拜: 0 = Monday … 6 = Sunday. Arabic 1–7 only when
    /// `digits` is set (right after 周 or a separator) and no further digit follows, so that
    /// 每周一5点 and 每周12点 are not read as weekdays.
    pub(super) fn weekday(&mut self, digits: bool) -> Option<usize> {
        let day = match self.peek()? {
            '日' | '天' => 6,
            c @ '1'..='7' if digits => {
                let next = self.chars.get(self.pos + 1);
                if next.is_some_and(char::is_ascii_digit) {
                    return None;
                }
                c as usize - '1' as usize
            }
            c => CN_WEEKDAYS[..6].iter().position(|w| w.starts_with(c))?,
        };
        self.pos += 1;
        Some(day)
    }
}

pub(super) fn cn_digit(c: char) -> Option<u32> {
    match c {
        '零' | '〇' => Some(0),
        '两' => Some(2),
        _ => CN_DIGITS[1..10].iter().position(|d| d.starts_with(c)).map(|i| i as u32 + 1),
    }
}
