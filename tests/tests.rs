//! End-to-end tests of the `ats-check` binary: exit codes, JSON shape, batch rows with a bad
//! file among good ones, explain/roles, and a snapshot of the terminal report.

mod advice;
mod batch;
mod cli;
mod privacy;
mod worker;
