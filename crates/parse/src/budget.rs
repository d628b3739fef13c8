//! Running counters checked against [`Limits`] while extracting.

use std::cell::Cell;
use std::time::Instant;

use crate::{ExtractError, Limits};

/// Shared counters for one extraction: inflated bytes, operators and the deadline.
/// Checked inside every loop that depends on the input.
pub(crate) struct Budget {
    started: Instant,
    limits: Limits,
    inflated: Cell<u64>,
    operators: Cell<u64>,
    ticks: Cell<u32>,
}

impl Budget {
    pub(crate) fn new(limits: &Limits) -> Self {
        Budget {
            started: Instant::now(),
            limits: limits.clone(),
            inflated: Cell::new(0),
            operators: Cell::new(0),
            ticks: Cell::new(0),
        }
    }

    /// Fails once the wall-clock budget is spent. Cheap enough to call per operator:
    /// the clock is read only every 1024 calls.
    pub(crate) fn tick(&self) -> Result<(), ExtractError> {
        let t = self.ticks.get().wrapping_add(1);
        self.ticks.set(t);
        if t.is_multiple_of(1024) {
            self.check_time()?;
        }
        Ok(())
    }

    pub(crate) fn check_time(&self) -> Result<(), ExtractError> {
        if self.started.elapsed() > self.limits.time_budget {
            return Err(ExtractError::Timeout {
                millis: self.limits.time_budget.as_millis() as u64,
            });
        }
        Ok(())
    }

    /// Counts one content operator.
    pub(crate) fn operator(&self) -> Result<(), ExtractError> {
        let n = self.operators.get() + 1;
        self.operators.set(n);
        if n > self.limits.max_operators {
            return Err(ExtractError::LimitExceeded {
                what: "content operators",
                limit: self.limits.max_operators,
            });
        }
        self.tick()
    }

    /// Counts `n` inflated bytes against the total cap.
    pub(crate) fn inflated(&self, n: u64) -> Result<(), ExtractError> {
        let total = self.inflated.get().saturating_add(n);
        self.inflated.set(total);
        if total > self.limits.max_total_inflated_bytes {
            return Err(ExtractError::LimitExceeded {
                what: "decompressed bytes in total",
                limit: self.limits.max_total_inflated_bytes,
            });
        }
        Ok(())
    }

    pub(crate) fn limits(&self) -> &Limits {
        &self.limits
    }
}
