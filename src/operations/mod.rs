//! Running zhibu as a service: the admin listener (health and metrics), backups and the check an
//! operator runs before starting it.

pub mod admin;
pub mod backup;
pub mod check;
pub mod health;
pub mod metrics;
pub mod retention;
