//! Reading the site from disk: content tree, chart specs, data files.
