//! The coded member attributes: 性别, 党员类别, 离退休类别, with database codes and Chinese labels.

use super::cells;

/// 性别.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// The text code stored in the database.
    pub fn as_code(&self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    /// The inverse of [`Gender::as_code`].
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "male" => Some(Gender::Male),
            "female" => Some(Gender::Female),
            _ => None,
        }
    }

    /// The Chinese word: 男 / 女.
    pub fn label(&self) -> &'static str {
        match self {
            Gender::Male => "男",
            Gender::Female => "女",
        }
    }

    /// Reads a roster cell: 男, 男性, M, male (and the same for 女).
    pub fn from_label(text: &str) -> Option<Self> {
        match cells::compact(text).to_lowercase().as_str() {
            "男" | "男性" | "m" | "male" => Some(Gender::Male),
            "女" | "女性" | "f" | "female" => Some(Gender::Female),
            _ => None,
        }
    }
}

/// 党员类别: 正式 (full) or 预备 (probationary) member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Membership {
    Full,
    Probationary,
}

impl Membership {
    /// The text code stored in the database.
    pub fn as_code(&self) -> &'static str {
        match self {
            Membership::Full => "full",
            Membership::Probationary => "probationary",
        }
    }

    /// The inverse of [`Membership::as_code`].
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "full" => Some(Membership::Full),
            "probationary" => Some(Membership::Probationary),
            _ => None,
        }
    }

    /// The Chinese word: 正式 / 预备.
    pub fn label(&self) -> &'static str {
        match self {
            Membership::Full => "正式",
            Membership::Probationary => "预备",
        }
    }

    /// Reads a roster cell: 正式, 预备, 正式党员, 预备党员, 中共党员, 中共预备党员.
    pub fn from_label(text: &str) -> Option<Self> {
        let text = cells::compact(text);
        match text.strip_prefix("中共").unwrap_or(&text) {
            "正式" | "正式党员" | "党员" => Some(Membership::Full),
            "预备" | "预备党员" => Some(Membership::Probationary),
            _ => None,
        }
    }
}

/// 离休 (joined work before October 1949) or 退休.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retirement {
    Lixiu,
    Tuixiu,
}

impl Retirement {
    /// The text code stored in the database.
    pub fn as_code(&self) -> &'static str {
        match self {
            Retirement::Lixiu => "lixiu",
            Retirement::Tuixiu => "tuixiu",
        }
    }

    /// The inverse of [`Retirement::as_code`].
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "lixiu" => Some(Retirement::Lixiu),
            "tuixiu" => Some(Retirement::Tuixiu),
            _ => None,
        }
    }

    /// The Chinese word: 离休 / 退休.
    pub fn label(&self) -> &'static str {
        match self {
            Retirement::Lixiu => "离休",
            Retirement::Tuixiu => "退休",
        }
    }

    /// Reads a roster cell: 离休, 离休干部, 退休, 退休人员 and the like.
    pub fn from_label(text: &str) -> Option<Self> {
        let text = cells::compact(text);
        if text.starts_with("离休") {
            Some(Retirement::Lixiu)
        } else if text.starts_with("退休") {
            Some(Retirement::Tuixiu)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_round_trip() {
        for g in [Gender::Male, Gender::Female] {
            assert_eq!(Gender::from_code(g.as_code()), Some(g));
            assert_eq!(Gender::from_label(g.label()), Some(g));
        }
        for m in [Membership::Full, Membership::Probationary] {
            assert_eq!(Membership::from_code(m.as_code()), Some(m));
            assert_eq!(Membership::from_label(m.label()), Some(m));
        }
        for r in [Retirement::Lixiu, Retirement::Tuixiu] {
            assert_eq!(Retirement::from_code(r.as_code()), Some(r));
            assert_eq!(Retirement::from_label(r.label()), Some(r));
        }
        assert_eq!(Membership::from_code("正式"), None);
    }

    #[test]
    fn membership_words_with_party_member_suffix_are_understood() {
        assert_eq!(Membership::from_label("预备党员"), Some(Membership::Probationary));
        assert_eq!(Membership::from_label(" 正式党员 "), Some(Membership::Full));
        assert_eq!(Membership::from_label("中共党员"), Some(Membership::Full));
        assert_eq!(Membership::from_label("发展对象"), None);
        assert_eq!(Membership::from_label(""), None);
        assert_eq!(Retirement::from_label("离休干部"), Some(Retirement::Lixiu));
        assert_eq!(Gender::from_label("女性"), Some(Gender::Female));
    }
}
