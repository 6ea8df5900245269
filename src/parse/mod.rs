//! Front matter, shortcodes and Markdown.
