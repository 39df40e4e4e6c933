//! What a secretary may correct in a closed meeting record, read from their words:
//! `重新开启`, `到会 张德明 线上`, `取消列席 李书记`, `原因 张德明 住院`, `主持人 王建国`,
//! `记录人 李秀英`, `决议 …`, `表决 21 0 1`.

use super::Mode;

/// One correction made to a closed record, as the record's 更正记录 lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordCorrection {
    pub meeting_id: i64,
    pub actor_name: String,
    pub member_id: Option<i64>,
    /// What was corrected (a `Correction` field code).
    pub what: String,
    /// Whose entry or which name, when the correction is about a person.
    pub subject: String,
    pub before_text: String,
    pub after_text: String,
    pub at: i64,
}

/// One correction of a meeting record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// Opens the meeting again (the record is made anew when it closes).
    Reopen,
    /// A member was there after all: the name (with an optional phone tail or birth year).
    Present {
        who: String,
        mode: Mode,
    },
    /// A name recorded as 列席 by mistake.
    UndoObserver {
        name: String,
    },
    /// Why a member was on leave or absent.
    Reason {
        who: String,
        reason: String,
    },
    Host(String),
    Recorder(String),
    /// 内容/决议
    Resolution(String),
    Vote(Vote),
}

/// Vote counts (表决): for, against, abstaining.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vote {
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
}

impl Vote {
    /// `21,0,1`, as stored.
    pub fn encode(self) -> String {
        format!("{},{},{}", self.yes, self.no, self.abstain)
    }

    pub fn decode(text: &str) -> Option<Vote> {
        let mut n = text.split(',').map(|p| p.trim().parse::<u32>().ok());
        let vote = Vote { yes: n.next()??, no: n.next()??, abstain: n.next()?? };
        n.next().is_none().then_some(vote)
    }

    /// Reads `21 0 1` or `赞成21 反对0 弃权1`.
    fn parse(words: &[&str]) -> Option<Vote> {
        let numbers: Vec<u32> = words
            .iter()
            .map(|w| w.trim_start_matches(|c: char| !c.is_ascii_digit()).trim_end_matches('票'))
            .map(|w| w.trim_end_matches('人').parse().ok())
            .collect::<Option<_>>()?;
        match numbers[..] {
            [yes, no, abstain] => Some(Vote { yes, no, abstain }),
            _ => None,
        }
    }
}

impl Mode {
    /// 现场, 线上 or 送学.
    pub fn parse_word(word: &str) -> Option<Mode> {
        [Mode::Onsite, Mode::Online, Mode::Delivered].into_iter().find(|m| m.name_cn() == word)
    }
}

/// Why the words are no correction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionError {
    /// No known action word, or nothing after it.
    Usage,
    /// `表决` without three numbers.
    Vote,
}

impl Correction {
    pub fn parse(text: &str) -> Result<Correction, CorrectionError> {
        let text = text.trim();
        let (action, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let rest = rest.trim();
        let words: Vec<&str> = rest.split_whitespace().collect();
        let needs_rest = |c: Correction| if rest.is_empty() { Err(CorrectionError::Usage) } else { Ok(c) };
        match action {
            "重新开启" | "重开" | "重新打开" => Ok(Correction::Reopen),
            "到会" | "出席" | "补登到会" => {
                let mut who = words.clone();
                let mode = match who.last().and_then(|w| Mode::parse_word(w)) {
                    Some(mode) => {
                        who.pop();
                        mode
                    }
                    None => Mode::Onsite,
                };
                needs_rest(Correction::Present { who: who.join(" "), mode })
                    .and_then(|c| if who.is_empty() { Err(CorrectionError::Usage) } else { Ok(c) })
            }
            "取消列席" | "撤销列席" => needs_rest(Correction::UndoObserver { name: rest.to_owned() }),
            "原因" | "缺席原因" | "请假原因" => match rest.split_once(char::is_whitespace) {
                Some((who, reason)) if !reason.trim().is_empty() => {
                    Ok(Correction::Reason { who: who.to_owned(), reason: reason.trim().to_owned() })
                }
                _ => Err(CorrectionError::Usage),
            },
            "主持人" => needs_rest(Correction::Host(rest.to_owned())),
            "记录人" => needs_rest(Correction::Recorder(rest.to_owned())),
            "决议" | "内容" | "内容决议" => needs_rest(Correction::Resolution(rest.to_owned())),
            "表决" => Vote::parse(&words).map(Correction::Vote).ok_or(CorrectionError::Vote),
            _ => Err(CorrectionError::Usage),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_correction_reads_from_the_secretarys_words() {
        let cases = [
            ("重新开启", Correction::Reopen),
            ("到会 张德明", Correction::Present { who: "张德明".into(), mode: Mode::Onsite }),
            ("到会 张德明 送学", Correction::Present { who: "张德明".into(), mode: Mode::Delivered }),
            ("到会 王建国 8013 线上", Correction::Present { who: "王建国 8013".into(), mode: Mode::Online }),
            ("取消列席 李书记", Correction::UndoObserver { name: "李书记".into() }),
            (
                "原因 朱海涛 外出 探亲",
                Correction::Reason { who: "朱海涛".into(), reason: "外出 探亲".into() },
            ),
            ("主持人 王建国", Correction::Host("王建国".into())),
            ("记录人 李秀英", Correction::Recorder("李秀英".into())),
            ("决议 同意 李秀英 转正", Correction::Resolution("同意 李秀英 转正".into())),
            ("表决 21 0 1", Correction::Vote(Vote { yes: 21, no: 0, abstain: 1 })),
            ("表决 赞成21 反对0 弃权1", Correction::Vote(Vote { yes: 21, no: 0, abstain: 1 })),
        ];
        for (text, want) in cases {
            assert_eq!(Correction::parse(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn words_that_are_no_correction_are_refused() {
        for text in ["", "到会", "原因 张德明", "主持人", "随便说说", "到会 送学"] {
            assert_eq!(Correction::parse(text), Err(CorrectionError::Usage), "{text}");
        }
        assert_eq!(Correction::parse("表决 很多"), Err(CorrectionError::Vote));
    }

    #[test]
    fn votes_round_trip_through_their_stored_form() {
        let vote = Vote { yes: 21, no: 0, abstain: 1 };
        assert_eq!(Vote::decode(&vote.encode()), Some(vote));
        assert_eq!(Vote::decode("1,2"), None);
    }
}
