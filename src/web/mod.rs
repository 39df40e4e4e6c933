//! The superior office's web dashboard.
