//! The roster's fields for one member (党员花名册 columns), as the branch keeps them, and which of
//! them a new roster changes.

/// The roster's fields for one member, as the branch keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFields {
    pub name: String,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub joined_on: Option<String>,
    pub membership: String,
    pub retirement: Option<String>,
    pub party_group: Option<String>,
    pub phone: Option<String>,
    pub contact_name: Option<String>,
    pub note: Option<String>,
}

/// One roster column, as a change names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Gender,
    BirthDate,
    JoinedOn,
    Membership,
    Retirement,
    PartyGroup,
    Phone,
    ContactName,
    Note,
    /// 转入日期 (kept with the member's standing, not among these fields).
    BranchJoined,
}

impl MemberFields {
    /// The columns in which `new` differs from these, in roster order.
    pub fn changed_in(&self, new: &MemberFields) -> Vec<Field> {
        let pairs = [
            (self.name != new.name, Field::Name),
            (self.gender != new.gender, Field::Gender),
            (self.birth_date != new.birth_date, Field::BirthDate),
            (self.joined_on != new.joined_on, Field::JoinedOn),
            (self.membership != new.membership, Field::Membership),
            (self.retirement != new.retirement, Field::Retirement),
            (self.party_group != new.party_group, Field::PartyGroup),
            (self.phone != new.phone, Field::Phone),
            (self.contact_name != new.contact_name, Field::ContactName),
            (self.note != new.note, Field::Note),
        ];
        pairs.into_iter().filter_map(|(changed, field)| changed.then_some(field)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wang() -> MemberFields {
        MemberFields {
            name: "王建国".into(),
            gender: None,
            birth_date: Some("1941-03-15".into()),
            joined_on: None,
            membership: "full".into(),
            retirement: None,
            party_group: Some("第一党小组".into()),
            phone: Some("13800138001".into()),
            contact_name: None,
            note: None,
        }
    }

    #[test]
    fn only_the_columns_that_differ_are_named_in_roster_order() {
        let old = wang();
        assert_eq!(old.changed_in(&old.clone()), vec![]);
        let new = MemberFields {
            phone: Some("13900139001".into()),
            party_group: Some("第二党小组".into()),
            ..old.clone()
        };
        assert_eq!(old.changed_in(&new), vec![Field::PartyGroup, Field::Phone]);
    }
}
