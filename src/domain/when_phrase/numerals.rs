//! Numbers as written in Chinese (十二, 二十三, 两, 零五) and full-width digits.

/// The value of one Chinese digit (〇/零 … 九, 两).
pub(super) fn cn_digit(ch: char) -> Option<u32> {
    "零一二三四五六七八九".chars().position(|d| d == ch).map(|p| p as u32).or(match ch {
        '〇' => Some(0),
        '两' => Some(2),
        _ => None,
    })
}

/// The value of a written Chinese numeral up to 99, or `None` (一五, 十十).
pub(super) fn chinese_value(written: &[char]) -> Option<u32> {
    let digits = |part: &[char]| -> Option<Vec<u32>> { part.iter().map(|&c| cn_digit(c)).collect() };
    match written.iter().position(|&c| c == '十') {
        Some(at) => {
            let tens = digits(&written[..at])?;
            let ones = digits(&written[at + 1..])?;
            let tens = match tens.as_slice() {
                [] => 1,
                [t] => *t,
                _ => return None,
            };
            let ones = match ones.as_slice() {
                [] => 0,
                [o] => *o,
                _ => return None,
            };
            Some(tens * 10 + ones)
        }
        None => match digits(written)?.as_slice() {
            [d] => Some(*d),
            [0, d] => Some(*d),
            _ => None,
        },
    }
}

/// Full-width ASCII (１２：００) to half-width, and the ideographic space to a plain one.
pub(super) fn to_half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}
