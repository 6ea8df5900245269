//! `baogao serve` (being built: see issue 4).
use std::path::Path;

use crate::error::Error;

pub fn run(_root: &Path, _bind: &str, _port: u16) -> Result<(), Error> {
    Err(Error::Internal(
        "serve is not available in this build yet".into(),
    ))
}
