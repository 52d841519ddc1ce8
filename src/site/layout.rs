//! The frame every page shares: landmarks (banner, navigation, main, contentinfo), a skip
//! link, the progressive search form, and the one stylesheet.

use super::{Ctx, escape};

/// The site's only stylesheet (`style.css`): system fonts, no external resources.
pub const STYLE: &str = include_str!("assets/style.css");

/// The top navigation: the timeline, then one listing per kind of record.
const NAV: [(&str, &str); 7] = [
    ("index.html", "Timeline"),
    ("actors/index.html", "Actors"),
    ("events/index.html", "Events"),
    ("claims/index.html", "Claims"),
    ("quotes/index.html", "Quotes"),
    ("sanctions/index.html", "Sanctions"),
    ("sources/index.html", "Sources"),
];

/// A complete HTML page. `root` is the way back to the site root (`""` or `"../"`), `current`
/// the page's own path (to mark its navigation entry), `title` plain text, `body` HTML, and
/// `head` extra HTML for `<head>` (the home page's JSON-LD).
pub fn page(
    ctx: &Ctx<'_>,
    root: &str,
    current: &str,
    title: &str,
    body: &str,
    head: &str,
) -> String {
    let meta = &ctx.data.metadata;
    let site_name = format!("{} {}", meta.name, meta.version);
    let nav: String = NAV
        .iter()
        .map(|(path, label)| {
            let here = if *path == current {
                r#" aria-current="page""#
            } else {
                ""
            };
            format!(r#"<li><a href="{root}{path}"{here}>{label}</a></li>"#)
        })
        .collect();
    format!(
        r##"<!DOCTYPE html>
<html lang="en" data-root="{root}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {site}</title>
<link rel="stylesheet" href="{root}style.css">
{head}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<p class="site"><a href="{root}index.html">{site}</a></p>
<nav aria-label="Sections"><ul>{nav}</ul></nav>
<form id="search" role="search" hidden>
<label for="q">Search names, aliases, titles and quotes</label>
<input id="q" type="search" autocomplete="off">
<p id="search-status" role="status"></p>
<ul id="search-results"></ul>
</form>
</header>
<main id="main">
{body}
</main>
<footer>
<p>{license}. Every statement cites its source; where the sources disagree, each account is shown with who makes it.</p>
</footer>
<script src="{root}search.js" defer></script>
</body>
</html>
"##,
        title = escape::html(title),
        site = escape::html(&site_name),
        license = license_html(ctx),
    )
}

/// "Data: CC-BY-4.0", linked to the licence text when it is an SPDX id.
fn license_html(ctx: &Ctx<'_>) -> String {
    let license = ctx.data.metadata.license.as_str();
    match license_url(license) {
        Some(url) => format!(
            r#"Data licence: <a href="{}">{}</a>"#,
            escape::attr(&url),
            escape::html(license)
        ),
        None => format!("Data licence: {}", escape::html(license)),
    }
}

/// The SPDX page of a licence id (letters, digits, `.`, `-`, `+`), if it looks like one.
pub fn license_url(license: &str) -> Option<String> {
    let spdx = !license.is_empty()
        && license
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+'));
    spdx.then(|| format!("https://spdx.org/licenses/{license}.html"))
}
