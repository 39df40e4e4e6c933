//! What zhibu said: the message a button was under, read back from the outbox, so a question can
//! be settled (its buttons removed, the answer added) once it is answered.

use crate::store::{self, Conn, StoreResult};

/// The outbox row and body behind the bot's message `message_id` in `chat_id`, if it is known.
pub async fn message(conn: &mut Conn, chat_id: i64, message_id: i64) -> StoreResult<Option<(i64, String)>> {
    store::outbox::row_of_message(conn, chat_id, message_id).await
}
