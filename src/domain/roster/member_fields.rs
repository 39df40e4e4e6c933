//! The roster's fields for one member (党员花名册 columns), as the branch keeps them.

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
