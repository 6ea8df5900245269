//! Parsing a page: front matter, shortcodes, Markdown. Nothing here reads files or
//! knows about data; the site expands shortcodes between these steps.

pub mod foreign_keys;
pub mod front_matter;
pub mod highlight;
pub mod hugo_highlight;
pub mod listing_keys;
pub mod markdown;
pub mod search;
pub mod shortcode_escape;
pub mod shortcodes;
pub mod slug;
pub mod typeset;
