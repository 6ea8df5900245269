//! Output: atomic writes to a folder, or files kept in memory.
