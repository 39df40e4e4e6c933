//! `/branch`: for a person who administers more than one branch, which one their commands apply to.

pub fn only_one(branch: &str) -> String {
    format!("您只管理“{branch}”一个支部，所有命令都用于这个支部。")
}

pub fn several(current: &str) -> String {
    format!("您管理不止一个支部。现在的命令都用于“{current}”。\n要换成别的支部，点下面的按钮。")
}

pub fn button(branch: &str) -> String {
    format!("换成{branch}")
}

pub fn chosen(branch: &str) -> String {
    format!("好的，以后您发的命令都用于“{branch}”。要换回来，再发送 /branch。")
}

pub const TAP_CHOSEN: &str = "已切换";

/// After a secretary code binds someone who already administers another branch.
pub const YOU_HAVE_SEVERAL: &str = "您现在管理不止一个支部。发送 /branch 可以选择命令用于哪个支部。";
