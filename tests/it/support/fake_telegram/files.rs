//! Files people send the bot: kept by the fake so `getFile` answers with a `file_path` and
//! `GET /file/bot<token>/<file_path>` serves the bytes, as Telegram's file server does.

use serde_json::{Value, json};

use super::{
    FakeTelegram,
    state::Inner,
    wire::{ApiError, Params, param_string},
};

/// Telegram lets bots download files of at most 20 MB.
const DOWNLOAD_LIMIT: usize = 20 * 1024 * 1024;

pub(super) struct StoredFile {
    pub file_id: String,
    pub unique_id: String,
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Inner {
    /// Keeps a file; returns its `Document` object (the size as Telegram reports it).
    fn store_file(&mut self, file_name: &str, bytes: Vec<u8>, mime_type: &str) -> Value {
        let serial = self.next_serial();
        let extension = file_name.rsplit_once('.').map(|(_, e)| e).unwrap_or("bin");
        let file = StoredFile {
            file_id: format!("BQACAgUAAxkBAAIU{serial:06}"),
            unique_id: format!("AgADU{serial:06}"),
            path: format!("documents/file_{serial}.{extension}"),
            bytes,
        };
        let document = json!({
            "file_name": file_name,
            "mime_type": mime_type,
            "file_id": file.file_id,
            "file_unique_id": file.unique_id,
            "file_size": file.bytes.len(),
        });
        self.files.push(file);
        document
    }

    /// `getFile`.
    pub(super) fn get_file(&self, params: &Params) -> Result<Value, ApiError> {
        let file_id = param_string(params, "file_id").unwrap_or_default();
        let Some(file) = self.files.iter().find(|f| f.file_id == file_id) else {
            return Err(ApiError::bad_request("invalid file_id"));
        };
        if file.bytes.len() > DOWNLOAD_LIMIT {
            return Err(ApiError::bad_request("file is too big"));
        }
        Ok(json!({
            "file_id": file.file_id,
            "file_unique_id": file.unique_id,
            "file_size": file.bytes.len(),
            "file_path": file.path,
        }))
    }

    /// The bytes at a `file_path` (percent-encoded slashes read as slashes).
    pub(super) fn file_bytes(&self, path: &str) -> Option<Vec<u8>> {
        let path = path.replace("%2F", "/").replace("%2f", "/");
        self.files.iter().find(|f| f.path == path).map(|f| f.bytes.clone())
    }
}

impl FakeTelegram {
    /// A document sent by a user in their private chat with the bot (a roster file, say).
    pub fn private_document(&self, user_id: i64, first_name: &str, file_name: &str, bytes: Vec<u8>) -> Value {
        self.private_document_claiming(user_id, first_name, file_name, bytes, None)
    }

    /// The same, its `file_size` claiming `claimed_size` bytes whatever the content.
    pub fn private_document_claiming(
        &self,
        user_id: i64,
        first_name: &str,
        file_name: &str,
        bytes: Vec<u8>,
        claimed_size: Option<usize>,
    ) -> Value {
        let mime = if file_name.ends_with(".csv") {
            "text/csv"
        } else {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        };
        let mut document = self.inner().store_file(file_name, bytes, mime);
        if let Some(size) = claimed_size {
            document["file_size"] = json!(size);
        }
        let mut message = self.private_text(user_id, first_name, "");
        let fields = message.as_object_mut().expect("message is an object");
        fields.remove("text");
        fields.insert("document".into(), document);
        let (chat_id, message_id) = (message["chat"]["id"].as_i64(), message["message_id"].as_i64());
        if let (Some(chat_id), Some(message_id)) = (chat_id, message_id) {
            self.inner().chat_mut(chat_id).messages.insert(message_id, message.clone());
        }
        message
    }
}
