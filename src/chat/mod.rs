//! The conversation, whatever the chat platform: what people send (`incoming`), the one place
//! that routes it (`router`), the handlers that answer it, the commands a secretary types, and
//! the processor that handles stored updates exactly once. Nothing here names a platform's types;
//! a transport (`telegram`) parses its wire format into `incoming` and delivers the outbox.

pub mod commands;
pub mod handlers;
pub mod incoming;
pub mod processor;
pub mod router;
