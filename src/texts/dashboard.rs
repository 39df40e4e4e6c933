//! Every sentence of the office dashboard.
