//! DOCX (being written).
use crate::budget::Budget;
use crate::{Document, ExtractError, Limits};

pub(crate) fn extract(_bytes: &[u8], _limits: &Limits, _budget: &Budget) -> Result<Document, ExtractError> {
    Err(ExtractError::Malformed { format: "DOCX", detail: "not yet".into() })
}
