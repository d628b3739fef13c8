//! Fixture builders shared by the integration tests.
pub mod pdfgen;
