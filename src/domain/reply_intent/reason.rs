//! The reason in a leave reply: the member's own words minus the leave word and the fillers.

use super::lexicon::{Kind, Token};
use super::normalise::Normalised;

/// Words that are never part of a reason when they stand at its edge (我, 谢谢, 好的, 知道了…).
fn is_edge_filler(kind: Kind) -> bool {
    matches!(kind, Kind::Filler | Kind::Polite | Kind::Accept | Kind::Noted | Kind::Tentative)
}

/// Words that make no reason on their own (我和老伴都 …去不了).
fn is_empty_word(kind: Kind) -> bool {
    is_edge_filler(kind) || kind == Kind::Companion
}

/// The reason given with a leave: what stands around the leave words, trimmed of fillers, with the
/// member's own separators kept as "，". 有事 / 没空 stay in the reason; 请假 / 去不了 do not.
/// `None` when nothing but the leave and politeness was said.
pub(super) fn leave_reason(core: &Normalised, tokens: &[Token]) -> Option<String> {
    let pieces: Vec<&[Token]> =
        tokens.split(|t| matches!(t.kind, Kind::LeaveAsk | Kind::LeaveStrong | Kind::LeaveTail)).collect();
    let words: Vec<String> = pieces.into_iter().filter_map(|piece| trimmed_piece(core, piece)).collect();
    if words.is_empty() { None } else { Some(words.join("，")) }
}

fn trimmed_piece(core: &Normalised, piece: &[Token]) -> Option<String> {
    if piece.iter().all(|t| is_empty_word(t.kind)) {
        return None;
    }
    let first = piece.iter().position(|t| !is_edge_filler(t.kind))?;
    // A closing 了 stays: "住院了" is how the member put it.
    let last = piece.iter().rposition(|t| !is_edge_filler(t.kind) || core.chars[t.start..t.end] == ['了'])?;
    let (start, end) = (piece[first].start, piece[last].end);
    let mut out = String::new();
    for i in start..end {
        if i > start && core.gap_before[i] {
            out.push('，');
        }
        out.push(core.chars[i]);
    }
    Some(out)
}
