//! `/member …` in words: one member added, or one of their fields or their status changed.
//! `/member add 李四 13900001111 第二党小组`, `/member 张三 电话 13800001234`,
//! `/member 张三 8013 党小组 第二党小组` (a phone tail or birth year tells namesakes apart),
//! `/member 张三 去世 2026年11月3日`.

use chrono::NaiveDate;

use crate::domain::member_standing::Status;
use crate::domain::roster::{ChinaMobile, clean_name, parse_roster_date};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberEdit {
    Add {
        name: String,
        phone: Option<ChinaMobile>,
        party_group: Option<String>,
    },
    /// `who`: the name, perhaps followed by a phone tail or birth year, as `find_member` reads it.
    Change {
        who: String,
        change: Change,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Phone(ChinaMobile),
    PartyGroup(String),
    /// The contact person's name, or `None` to clear it (联系人 无).
    Contact(Option<String>),
    /// A status from a day on (today when no day is written).
    Status {
        status: Status,
        since: Option<NaiveDate>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberEditError {
    /// Nothing usable: the usage is shown.
    Usage,
    /// A name without a word saying what to change.
    WhatToChange,
    /// The word names what to change, but no new value follows.
    MissingValue(&'static str),
    BadPhone(String),
    BadDate(String),
}

/// What a keyword after the name changes.
#[derive(Debug, Clone, Copy)]
enum Keyword {
    Phone,
    PartyGroup,
    Contact,
    Status(Status),
}

fn keyword(word: &str) -> Option<Keyword> {
    Some(match word {
        "电话" | "手机" | "手机号" | "电话号码" | "手机号码" => Keyword::Phone,
        "党小组" | "小组" => Keyword::PartyGroup,
        "联系人" => Keyword::Contact,
        other => Keyword::Status(Status::parse(other)?),
    })
}

pub fn parse(args: &str) -> Result<MemberEdit, MemberEditError> {
    let words: Vec<&str> = args.split_whitespace().collect();
    match words.as_slice() {
        [] => Err(MemberEditError::Usage),
        ["add" | "添加" | "新增" | "加", rest @ ..] => parse_add(rest),
        [_, rest @ ..] => {
            let at = rest.iter().position(|w| keyword(w).is_some()).ok_or(MemberEditError::WhatToChange)? + 1;
            let who = words[..at].join(" ");
            let value = words[at + 1..].join(" ");
            let change = match keyword(words[at]).expect("found above") {
                Keyword::Phone if value.is_empty() => return Err(MemberEditError::MissingValue("电话")),
                Keyword::Phone => {
                    Change::Phone(ChinaMobile::parse(&value).ok_or(MemberEditError::BadPhone(value))?)
                }
                Keyword::PartyGroup if value.is_empty() => {
                    return Err(MemberEditError::MissingValue("党小组"));
                }
                Keyword::PartyGroup => Change::PartyGroup(value),
                Keyword::Contact if value.is_empty() => return Err(MemberEditError::MissingValue("联系人")),
                Keyword::Contact if matches!(value.as_str(), "无" | "没有" | "删除") => {
                    Change::Contact(None)
                }
                Keyword::Contact => Change::Contact(Some(clean_name(&value).unwrap_or(value))),
                Keyword::Status(status) if value.is_empty() => Change::Status { status, since: None },
                Keyword::Status(status) => {
                    let since = parse_roster_date(&value).ok_or(MemberEditError::BadDate(value))?;
                    Change::Status { status, since: Some(since) }
                }
            };
            Ok(MemberEdit::Change { who, change })
        }
    }
}

fn parse_add(words: &[&str]) -> Result<MemberEdit, MemberEditError> {
    let (name, rest) = words.split_first().ok_or(MemberEditError::Usage)?;
    let name = clean_name(name).ok_or(MemberEditError::Usage)?;
    let mut phone = None;
    let mut group = Vec::new();
    for word in rest {
        match ChinaMobile::parse(word) {
            Some(p) if phone.is_none() => phone = Some(p),
            None if word.chars().all(|c| c.is_ascii_digit() || c == '-') => {
                return Err(MemberEditError::BadPhone((*word).to_owned()));
            }
            _ => group.push(*word),
        }
    }
    let party_group = (!group.is_empty()).then(|| group.join(" "));
    Ok(MemberEdit::Add { name, phone, party_group })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(p: &str) -> ChinaMobile {
        ChinaMobile::parse(p).unwrap()
    }

    #[test]
    fn a_member_is_added_with_phone_and_party_group() {
        assert_eq!(
            parse("add 李四 13900001111 第二党小组"),
            Ok(MemberEdit::Add {
                name: "李四".into(),
                phone: Some(phone("13900001111")),
                party_group: Some("第二党小组".into())
            })
        );
        assert_eq!(
            parse("添加 李四"),
            Ok(MemberEdit::Add { name: "李四".into(), phone: None, party_group: None })
        );
        assert_eq!(parse("add 李四 12345"), Err(MemberEditError::BadPhone("12345".into())));
    }

    #[test]
    fn a_field_change_names_the_member_then_the_field_then_the_value() {
        let change = |who: &str, change| Ok(MemberEdit::Change { who: who.into(), change });
        assert_eq!(parse("张三 电话 13800001234"), change("张三", Change::Phone(phone("13800001234"))));
        assert_eq!(
            parse("张三 8013 党小组 第二党小组"),
            change("张三 8013", Change::PartyGroup("第二党小组".into()))
        );
        assert_eq!(parse("张三 联系人 赵红梅"), change("张三", Change::Contact(Some("赵红梅".into()))));
        assert_eq!(parse("张三 联系人 无"), change("张三", Change::Contact(None)));
        assert_eq!(parse("张三 电话 123"), Err(MemberEditError::BadPhone("123".into())));
        assert_eq!(parse("张三 电话"), Err(MemberEditError::MissingValue("电话")));
        assert_eq!(parse("张三 生日 1950年1月1日"), Err(MemberEditError::WhatToChange));
        assert_eq!(parse(""), Err(MemberEditError::Usage));
    }

    #[test]
    fn a_status_takes_the_day_it_began_in_words() {
        let since = NaiveDate::from_ymd_opt(2026, 11, 3);
        assert_eq!(
            parse("张三 去世 2026年11月3日"),
            Ok(MemberEdit::Change {
                who: "张三".into(),
                change: Change::Status { status: Status::Deceased, since }
            })
        );
        assert_eq!(
            parse("张三 转正"),
            Ok(MemberEdit::Change {
                who: "张三".into(),
                change: Change::Status { status: Status::Full, since: None }
            })
        );
        assert_eq!(parse("张三 转出 不知道"), Err(MemberEditError::BadDate("不知道".into())));
    }
}
