//! The inbox as the conversation sees it: updates waiting to be handled, and closing each one in
//! the transaction that handled it (so an update is handled exactly once).

pub use crate::store::inbox::{InboxState, PendingUpdate};
use crate::store::{self, Conn, StoreResult, Tx};

/// Up to `limit` stored updates waiting, oldest first.
pub async fn waiting(conn: &mut Conn, limit: i64) -> StoreResult<Vec<PendingUpdate>> {
    store::inbox::pending(conn, limit).await
}

/// Closes a stored update; false when it was no longer open (another process handled it).
pub async fn close(
    conn: &mut Conn,
    inbox_id: i64,
    state: InboxState,
    error: Option<&str>,
    now: i64,
) -> StoreResult<bool> {
    store::inbox::finish(conn, inbox_id, state, error, now).await
}

/// Gives up a transaction whose work failed, so its connection is not reused mid-transaction.
pub async fn abandon(tx: Tx) {
    store::abandon(tx).await
}

/// Runs the conversation's database work within the store's deadline for work (a half-open
/// connection or a stuck lock gives [`crate::store::StoreError::NoAnswer`] instead of a hang).
pub async fn in_time<T>(work: impl std::future::Future<Output = StoreResult<T>>) -> StoreResult<T> {
    store::within(store::WORK_WITHIN, work).await
}
