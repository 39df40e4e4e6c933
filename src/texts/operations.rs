//! What `zhibu backup` and `zhibu check` tell the operator.

pub fn backup_done(path: &str, bytes: u64) -> String {
    format!("已备份到 {path}（{bytes} 字节，仅本用户可读）。恢复：停止 zhibu，把它复制为数据库文件，再启动。")
}

pub const BACKUP_USE_PG_DUMP: &str = "PostgreSQL 数据库请用 pg_dump 备份，例如：pg_dump --format=custom --file=zhibu.dump \"$ZHIBU_DATABASE_URL\"";

pub fn backup_exists(path: &str) -> String {
    format!("{path} 已存在且不为空：为免覆盖旧备份，请换一个文件名。")
}

pub fn backup_cannot_write(path: &str, reason: &str) -> String {
    format!("无法写入 {path}：{reason}")
}

pub fn check_ok(what: &str, detail: &str) -> String {
    format!("[正常] {what}：{detail}")
}

pub fn check_failed(what: &str, detail: &str) -> String {
    format!("[失败] {what}：{detail}")
}

pub const CHECK_SETTINGS: &str = "设置";
pub const CHECK_DATABASE: &str = "数据库";
pub const CHECK_TELEGRAM: &str = "Telegram";
pub const CHECK_RECEIVING: &str = "接收方式";
pub const CHECK_ADMIN: &str = "健康检查与指标";
pub const CHECK_HOLIDAYS: &str = "法定节假日";

/// The public holidays known, and a warning while next year's are missing.
pub fn holidays_summary(last_year: Option<i32>, missing: Option<i32>) -> String {
    let known = last_year.map_or_else(|| "未录入".to_owned(), |y| format!("已录入到{y}年"));
    match missing {
        Some(year) => format!(
            "{known}；警告：{year}年的安排还没有录入（src/domain/holiday_calendar/china.txt），\
             请按国务院办公厅的通知补上并更新 zhibu"
        ),
        None => known,
    }
}

pub fn settings_summary(database: &str, timezone: &str) -> String {
    format!("数据库 {database}，时区 {timezone}")
}

pub fn database_summary(backend: &str, applied: i64, known: usize) -> String {
    format!("{backend} 可以连接，已执行 {applied} 个迁移（本版本共 {known} 个）")
}

pub fn telegram_summary(username: &str) -> String {
    format!("令牌有效，机器人是 @{username}")
}

pub const NO_TOKEN: &str = "没有设置 TELOXIDE_TOKEN（@BotFather 给的令牌）";

pub fn receiving_webhook(url: &str, listen: &str) -> String {
    format!("webhook，Telegram 推送到 {url}，本机监听 {listen}")
}

pub const RECEIVING_POLLING: &str = "长轮询（getUpdates）";

pub fn admin_listen(addr: Option<&str>) -> String {
    match addr {
        Some(addr) => format!("http://{addr}/healthz 与 /metrics"),
        None => "未开启（设置 ZHIBU_ADMIN_LISTEN 可开启）".to_owned(),
    }
}

pub fn check_summary(failed: usize) -> String {
    if failed == 0 {
        "检查通过，可以启动：zhibu run".to_owned()
    } else {
        format!("有 {failed} 项检查未通过，请按上面的提示修改后再试。")
    }
}

pub fn setting_missing(name: &str, hint: &str) -> String {
    format!("缺少设置 {name}：{hint}")
}

pub fn setting_malformed(name: &str, reason: &str) -> String {
    format!("设置 {name} 不对：{reason}")
}

pub fn settings_file_unreadable(path: &str, reason: &str) -> String {
    format!("无法读取设置文件 {path}：{reason}")
}

pub const HINT_TOKEN: &str = "请设为 @BotFather 给的令牌";
pub const HINT_WEBHOOK_SECRET: &str = "webhook 模式需要一个密钥：1–256 个字母、数字、_ 或 -";
pub const WANT_TOKEN_SHAPE: &str = "应为 @BotFather 给的“数字:密钥”形式";
pub const WANT_HTTP_URL: &str = "应为 http:// 或 https:// 开头的网址";
pub const WANT_DATABASE_URL: &str = "应为 sqlite://文件 或 postgres://用户@主机/数据库";
pub const WANT_POSITIVE_NUMBER: &str = "应为大于 0 的数";
pub const WANT_SECRET: &str = "请用 1–256 个字母、数字、_ 或 -";

pub fn want_address(example: &str) -> String {
    format!("应为地址，例如 {example}")
}

pub fn not_a_number(raw: &str) -> String {
    format!("“{raw}”不是数字")
}

pub fn not_a_url(reason: &str) -> String {
    format!("不是有效的网址（{reason}）")
}

pub fn unknown_time_zone(name: &str) -> String {
    format!("“{name}”不是 IANA 时区名，例如 Asia/Shanghai")
}

pub fn token_rejected(why: &str) -> String {
    format!("Telegram 不接受 TELOXIDE_TOKEN（{why}）：请核对 @BotFather 给的令牌")
}

pub fn bot_api_unreachable(why: &str) -> String {
    format!("连不上 Telegram Bot API：{why}")
}

/// A SQLite database zhibu created before is missing at start.
pub fn database_vanished(path: &str, marker: &str) -> String {
    format!(
        "找不到数据库文件 {path}，但 zhibu 以前在这里建立过它（见 {marker}）。为免用空数据库顶替、丢失全部记录，\
         zhibu 没有启动。如果文件被移走了，请放回原处，或把 ZHIBU_DATABASE_URL 指向它；\
         如果确实要从空数据库重新开始，请删除 {marker} 后再启动。"
    )
}
