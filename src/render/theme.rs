//! The default theme, compiled into the binary so a site without templates/ builds.
//! The files live in the repository's templates/ folder (which is also the example
//! site's theme); a site's own files override them by name.

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../templates/", $name)))),*]
    };
}

/// (name, source) of every default template.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "tags.html",
    "tag.html",
    "404.html",
    "alias.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
    "partials/figure.html",
    "partials/table.html",
    "partials/entry.html",
    "partials/pager.html",
);

macro_rules! embed_bytes {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../templates/assets/", $name)))),*]
    };
}

/// (path under assets/, bytes) of every default asset.
pub const ASSETS: &[(&str, &[u8])] = embed_bytes!("style.css", "highlight.css");
