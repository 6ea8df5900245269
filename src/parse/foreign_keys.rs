//! Front matter keys from Zola and Hugo that baogao does not act on, each with what
//! happens instead, and "did you mean" for a key that looks like a typo. Content moved
//! from those generators builds; the warnings say what was left behind and why.

/// Keys Zola or Hugo define and baogao ignores, with what a user should know.
const FOREIGN: &[(&str, &str)] = &[
    ("redirect_to", "use `aliases` on the target page instead"),
    ("insert_anchor_links", "every heading gets an anchor link"),
    ("generate_feeds", "the site has one Atom feed, atom.xml"),
    (
        "authors",
        "set `author` in baogao.toml, or keep it under [extra]",
    ),
    (
        "categories",
        "declare it in baogao.toml to build it: [[taxonomies]] name = \"categories\"",
    ),
    (
        "series",
        "declare it in baogao.toml to build it: [[taxonomies]] name = \"series\"",
    ),
    ("keywords", "keep it under [extra] for a template to use"),
    ("lastmod", "write it as `updated`"),
    ("publishDate", "write it as `date`"),
    ("expiryDate", "pages do not expire"),
    ("layout", "write it as `template = \"name.html\"`"),
    ("type", "write it as `template = \"name.html\"`"),
    ("linkTitle", "the title is used in links"),
    (
        "summary",
        "write it as `description`, or put `<!-- more -->` in the body",
    ),
    ("images", "keep it under [extra] for a template to use"),
    ("menu", "the theme's navigation lists the sections"),
    ("outputs", "every page is written as HTML"),
    ("headless", "every page is rendered"),
    ("cascade", "set values on each page"),
    ("params", "write it as [extra]"),
    (
        "toc",
        "the table of contents is always available to templates",
    ),
    ("markup", "Markdown is the only markup"),
    (
        "isCJKLanguage",
        "Chinese, Japanese and Korean text is always counted by character",
    ),
];

/// What baogao does instead of a Zola/Hugo `key`, when it is one.
pub fn foreign(key: &str) -> Option<&'static str> {
    FOREIGN.iter().find(|(k, _)| *k == key).map(|(_, why)| *why)
}

/// The known key closest to `key` when it looks like a typo of it.
pub fn did_you_mean<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .chain(FOREIGN.iter().map(|(k, _)| k))
        .map(|k| (strsim::damerau_levenshtein(key, k), *k))
        .filter(|(d, k)| *d > 0 && *d <= 2.min(k.chars().count() / 3))
        .min()
        .map(|(_, k)| k)
        .filter(|k| known.contains(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_the_nearest_key() {
        let known = ["draft", "date", "template", "aliases"];
        assert_eq!(did_you_mean("drafts", &known), Some("draft"));
        assert_eq!(did_you_mean("templte", &known), Some("template"));
        assert_eq!(did_you_mean("aliasse", &known), Some("aliases"));
        assert_eq!(did_you_mean("colour", &known), None);
        // Near a foreign key rather than a known one: no suggestion to use it.
        assert_eq!(did_you_mean("redirectto", &known), None);
    }

    #[test]
    fn foreign_keys_say_what_happens() {
        assert!(foreign("redirect_to").is_some());
        assert!(foreign("sort_by").is_none(), "supported now");
        assert!(foreign("title").is_none());
    }
}
