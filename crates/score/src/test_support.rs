//! Helpers for the crate's unit tests.

/// A xorshift64 sequence from `seed`: randomized tests that draw the same numbers on every run.
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}
