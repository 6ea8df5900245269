//! Tera templates: the default theme and a site's overrides.
