//! The static site: a hostile dataset renders inert, every internal link resolves, every
//! record has a page, and the home page stays within its weight budget.

use std::collections::BTreeSet;
use std::path::Path;

use drone_dossier::site::{self, Site};
use drone_dossier::{DataFile, Dataset, Id};

fn hostile() -> Dataset {
    let texts = |f: DataFile| -> String {
        match f {
            DataFile::Metadata => r#"{"$schema": "m", "name": "</script><script>alert('name')</script>",
                "version": "1.0.0", "schema_version": "1.0.0",
                "license": "CC-BY-4.0\"><script>alert(0)</script>",
                "description": "<!-- \u2028 \u2029 & </SCRIPT>"}"#.to_owned(),
            DataFile::Sources => r#"{"$schema": "s", "sources": [
                {"id": "evil-source", "kind": "article", "title": "<script>alert(1)</script>",
                 "url": "javascript:alert(1)", "notes": "<iframe src=x>"},
                {"id": "evil-source-2", "kind": "other", "title": "quote \" and ' in a title",
                 "url": "https://example.org/?q=\"><script>alert(2)</script>"},
                {"id": "evil-source-3", "kind": "other", "title": "hidden scheme",
                 "url": " java\tscript:alert(7)"}
            ]}"#.to_owned(),
            DataFile::Actors => r#"{"$schema": "s", "actors": [
                {"id": "evil-actor", "kind": "person", "name": "\"><img src=x onerror=alert(3)>",
                 "aliases": ["</script><script>alert(4)</script>", "Alias \"quoted\"",
                             "Alias \u202ereversed\u2066 isolated"],
                 "description": "<b>bold</b>",
                 "roles": [{"title": "<u>role</u>", "organisation": "no-such-record"}],
                 "citations": [{"source": "evil-source", "locator": "\" onmouseover=\"alert(5)",
                                "excerpt": "<b>excerpt</b>"}]}
            ]}"#.to_owned(),
            DataFile::Events => r#"{"$schema": "s", "events": [
                {"id": "evil-event", "kind": "other", "title": "<svg onload=alert(6)>",
                 "summary": "x < y && y > z", "date": "2022-08",
                 "location": {"name": "<i>here</i> \u202d\u2067forced"},
                 "participants": [{"actor": "evil-actor", "role": "supplier"}],
                 "citations": [{"source": "evil-source-2", "excerpt": "'single' \"double\""}]},
                {"id": "other-event", "kind": "other", "title": "undated <event>",
                 "citations": [{"source": "evil-source-3"}]}
            ]}"#.to_owned(),
            DataFile::Quotes => r#"{"$schema": "s", "quotes": [
                {"id": "evil-quote", "speakers": ["evil-actor"], "kind": "direct",
                 "text": "</blockquote><script>alert(8)</script>", "language": "en",
                 "original_language": "fa", "original_text": "<p>original</p>",
                 "about": ["evil-event", "no-such-record"], "citations": [{"source": "evil-source"}]}
            ]}"#.to_owned(),
            DataFile::Claims => r#"{"$schema": "s", "claims": [
                {"id": "evil-claim", "about": "evil-event", "statement": "<script>alert(9)</script>",
                 "stance": "affirms", "event_date": "../2022-02-23", "asserted_by": ["evil-actor"],
                 "attribution": "\"some\" <people>", "citations": [{"source": "evil-source"}]},
                {"id": "evil-claim-2", "about": "evil-event", "statement": "denied", "stance": "denies",
                 "denied_by": ["evil-actor"], "supersedes": ["evil-claim"],
                 "citations": [{"source": "evil-source"}]}
            ]}"#.to_owned(),
            DataFile::Sanctions => r#"{"$schema": "s", "sanctions": []}"#.to_owned(),
        }
    };
    Dataset::from_texts(|f| Ok((f.file_name().into(), texts(f))))
        .expect("the hostile dataset loads")
}

fn text(site: &Site, path: &str) -> String {
    String::from_utf8(site.files[path].clone()).unwrap()
}

/// Every `<script` tag on every page is one the site itself writes.
fn assert_only_own_scripts(path: &str, page: &str) {
    let mut rest = page;
    while let Some(i) = rest.find("<script") {
        let tag = &rest[i..];
        let own = tag.starts_with(r#"<script src="search.js" defer></script>"#)
            || tag.starts_with(r#"<script src="../search.js" defer></script>"#)
            || (path == "index.html" && tag.starts_with(r#"<script type="application/ld+json">"#));
        assert!(
            own,
            "{path}: a script the site did not write: {}",
            &tag[..tag.len().min(80)]
        );
        rest = &tag[7..];
    }
    assert!(!page.to_ascii_lowercase().contains("<script>"), "{path}");
}

#[test]
fn a_hostile_dataset_renders_as_inert_text() {
    let site = site::render(&hostile());
    for (path, bytes) in &site.files {
        let page = String::from_utf8(bytes.clone()).unwrap();
        if path.ends_with(".html") {
            assert_only_own_scripts(path, &page);
            let lower = page.to_ascii_lowercase();
            for bad in [
                "<img",
                "<svg onload",
                "<b>",
                "<u>",
                "<i>",
                "<iframe",
                "<p>original",
                "<people>",
                "<event>",
                "onmouseover=\"",
                "href=\"javascript",
                "href=\" java",
                "</blockquote><script",
            ] {
                assert!(!lower.contains(bad), "{path} contains {bad:?}");
            }
            // Every href is a relative page of the site, http(s), or the SPDX licence page.
            for href in lower.split("href=\"").skip(1) {
                let value = href.split('"').next().unwrap();
                assert!(
                    value.starts_with("http://")
                        || value.starts_with("https://")
                        || !value.contains(':')
                        || value.starts_with('#'),
                    "{path}: unsafe href {value:?}"
                );
            }
        }
    }
    // The values are still shown, as text.
    let actor = text(&site, "actors/evil-actor.html");
    assert!(
        actor.contains("&quot;&gt;&lt;img src=x onerror=alert(3)&gt;"),
        "{actor}"
    );
    assert!(actor.contains("&quot; onmouseover=&quot;alert(5)"));
    assert!(actor.contains(r#"<span class="missing">no-such-record</span>"#));
    let source = text(&site, "sources/evil-source.html");
    assert!(
        source.contains("javascript:alert(1)</span> (not a web link)"),
        "{source}"
    );
    let source2 = text(&site, "sources/evil-source-2.html");
    assert!(
        source2.contains(
            r#"href="https://example.org/?q=&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;""#
        ),
        "{source2}"
    );
    assert!(text(&site, "sources/evil-source-3.html").contains("(not a web link)"));
    // Bidirectional controls in the data reach no page and not the search index: each is
    // shown as the replacement character.
    for (path, bytes) in &site.files {
        let page = String::from_utf8_lossy(bytes);
        let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        assert!(!page.contains(bidi), "{path} holds a bidirectional control");
    }
    assert!(
        actor.contains("Alias \u{FFFD}reversed\u{FFFD} isolated"),
        "{actor}"
    );
    let index = text(&site, "search-index.js");
    assert!(
        index.contains("Alias \\ufffdreversed\\ufffd isolated"),
        "{index}"
    );
}

#[test]
fn hostile_json_ld_cannot_leave_its_script_and_reads_back() {
    let data = hostile();
    let site = site::render(&data);
    let home = text(&site, "index.html");
    let start = home.find(r#"<script type="application/ld+json">"#).unwrap();
    let json = &home[start..].split_once('>').unwrap().1;
    let json = json.split_once("</script>").unwrap().0;
    assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'));
    assert!(!json.contains('\u{2028}') && !json.contains('\u{2029}'));
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["@type"], "Dataset");
    assert_eq!(value["name"], data.metadata.name.as_str());
    assert_eq!(value["description"], data.metadata.description.as_str());
    assert_eq!(value["version"], "1.0.0");
}

#[test]
fn the_search_index_is_a_script_that_holds_only_json() {
    let site = site::render(&hostile());
    let index = text(&site, "search-index.js");
    let json = index
        .strip_prefix("window.DOSSIER_SEARCH = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .unwrap();
    assert!(!json.contains('<'), "{json}");
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let actor = value
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e[0] == "actors/evil-actor.html")
        .unwrap();
    assert_eq!(actor[3][0], "</script><script>alert(4)</script>");
}

#[test]
fn ids_with_quotes_never_reach_the_site() {
    // Page paths are made from ids; an id is a slug or the dataset does not load.
    for bad in ["a\"b", "a'b", "a<b", "../x", "a b"] {
        assert!(Id::new(bad).is_err(), "{bad:?}");
    }
}

fn bundled() -> Site {
    let data = Dataset::from_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset")).unwrap();
    site::render(&data)
}

#[test]
fn every_record_has_a_page_and_every_internal_link_resolves() {
    let data = Dataset::from_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset")).unwrap();
    let site = site::render(&data);
    for (dir, ids) in [
        (
            "sources",
            data.sources.iter().map(|r| &r.id).collect::<Vec<_>>(),
        ),
        ("actors", data.actors.iter().map(|r| &r.id).collect()),
        ("events", data.events.iter().map(|r| &r.id).collect()),
        ("sanctions", data.sanctions.iter().map(|r| &r.id).collect()),
        ("quotes", data.quotes.iter().map(|r| &r.id).collect()),
        ("claims", data.claims.iter().map(|r| &r.id).collect()),
    ] {
        for id in ids {
            assert!(
                site.files.contains_key(&format!("{dir}/{id}.html")),
                "{dir}/{id}.html"
            );
        }
    }
    let mut linked: BTreeSet<String> = BTreeSet::new();
    for (path, bytes) in &site.files {
        if !path.ends_with(".html") {
            continue;
        }
        let page = std::str::from_utf8(bytes).unwrap();
        let base = Path::new(path).parent().unwrap();
        for attr in ["href=\"", "src=\""] {
            for rest in page.split(attr).skip(1) {
                let value = rest.split('"').next().unwrap();
                if value.contains(':') || value.starts_with('#') {
                    continue;
                }
                let target = normalise(&base.join(value.split('#').next().unwrap()));
                assert!(
                    site.files.contains_key(&target),
                    "{path}: broken link {value}"
                );
                linked.insert(target);
            }
        }
    }
    // Every page is reachable from some other page.
    for path in site
        .files
        .keys()
        .filter(|p| p.ends_with(".html") && *p != "index.html")
    {
        assert!(linked.contains(path), "nothing links to {path}");
    }
}

fn normalise(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

#[test]
fn the_home_page_with_everything_it_loads_stays_under_200_kb() {
    let site = bundled();
    let total: usize = ["index.html", "style.css", "search.js", "search-index.js"]
        .iter()
        .map(|p| site.files[*p].len())
        .sum();
    assert!(total < 200 * 1024, "home page weighs {total} bytes");
    assert!(
        site.files["search.js"].len() < 4 * 1024,
        "search.js is no longer small"
    );
}

#[test]
fn the_timeline_draws_every_dated_account_of_a_contested_event() {
    let data = Dataset::from_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset")).unwrap();
    let site = site::render(&data);
    let home = text(&site, "index.html");
    let svg = &home[home.find("<svg").unwrap()..home.find("</svg>").unwrap()];
    let mut contested = 0;
    for event in &data.events {
        let dated: Vec<_> = data
            .claims_about(event.id.as_str())
            .into_iter()
            .filter(|c| c.event_date.is_some())
            .collect();
        if dated.len() < 2 {
            continue;
        }
        contested += 1;
        assert!(svg.contains(&format!("events/{}.html", event.id)));
        for claim in dated {
            assert!(
                svg.contains(&format!(r#"<a href="claims/{}.html">"#, claim.id)),
                "{}",
                claim.id
            );
        }
    }
    assert!(
        contested > 0,
        "the bundled dataset has contested events with dated accounts"
    );
}

#[test]
fn writing_goes_through_the_file_layer_and_can_be_repeated() {
    let site = site::render(&hostile());
    let dir = tempfile::tempdir().unwrap();
    site.write(dir.path()).unwrap();
    site.write(dir.path()).unwrap();
    for (path, bytes) in &site.files {
        assert_eq!(
            &std::fs::read(dir.path().join(path)).unwrap(),
            bytes,
            "{path}"
        );
    }
}

/// A small dataset with a withdrawn actor whose id is `index` (the name of its kind's listing
/// page) and a withdrawn claim.
fn withdrawn() -> Site {
    let texts = |f: DataFile| -> String {
        match f {
            DataFile::Metadata => r#"{"$schema": "m", "name": "t", "version": "1.0.0",
                "schema_version": "1.0.0", "license": "CC-BY-4.0", "description": "d"}"#
                .to_owned(),
            DataFile::Sources => r#"{"$schema": "s", "sources": [
                {"id": "src", "kind": "article", "title": "A source"}]}"#
                .to_owned(),
            DataFile::Actors => r#"{"$schema": "s", "actors": [
                {"id": "index", "kind": "person", "name": "Index Person", "withdrawn": "2026-11-25",
                 "notes": "Merged into another record.", "citations": [{"source": "src"}]},
                {"id": "someone", "kind": "person", "name": "Someone", "citations": [{"source": "src"}]}
            ]}"#
            .to_owned(),
            DataFile::Events => r#"{"$schema": "s", "events": [
                {"id": "ev", "kind": "other", "title": "The event", "date": "2022-08",
                 "citations": [{"source": "src"}]},
                {"id": "gone-ev", "kind": "other", "title": "Withdrawn event", "date": "2022-07",
                 "withdrawn": "2026-11-25", "notes": "A duplicate.",
                 "participants": [{"actor": "someone", "role": "party"}],
                 "citations": [{"source": "src"}]}]}"#
                .to_owned(),
            DataFile::Quotes => r#"{"$schema": "s", "quotes": []}"#.to_owned(),
            DataFile::Claims => r#"{"$schema": "s", "claims": [
                {"id": "kept-claim", "about": "ev", "statement": "Kept account", "stance": "affirms",
                 "event_date": "2022-08", "asserted_by": ["someone"], "citations": [{"source": "src"}]},
                {"id": "gone-claim", "about": "ev", "statement": "Withdrawn account", "stance": "affirms",
                 "event_date": "2022-09", "asserted_by": ["someone"], "withdrawn": "2026-11-25",
                 "citations": [{"source": "src"}]}
            ]}"#
            .to_owned(),
            DataFile::Sanctions => r#"{"$schema": "s", "sanctions": []}"#.to_owned(),
        }
    };
    let data =
        Dataset::from_texts(|f| Ok((f.file_name().into(), texts(f)))).expect("the dataset loads");
    site::render(&data)
}

#[test]
fn a_record_with_the_id_index_does_not_replace_its_kinds_listing() {
    let site = withdrawn();
    let listing = text(&site, "actors/index.html");
    assert!(listing.contains("<h1>Actors</h1>"), "{listing}");
    assert!(
        listing.contains(r#"href="../actors/index_.html""#),
        "{listing}"
    );
    let page = text(&site, "actors/index_.html");
    assert!(page.contains("<h1>Index Person</h1>"), "{page}");
    assert!(page.contains("actors/index_.html</code>"), "{page}");
}

#[test]
fn withdrawn_records_say_so_and_leave_the_timeline() {
    let site = withdrawn();
    let page = text(&site, "actors/index_.html");
    assert!(
        page.contains(r#"<p class="withdrawn"><strong>Withdrawn</strong> on "#),
        "{page}"
    );
    assert!(page.contains("Merged into another record."), "{page}");
    let badge = r#"<span class="badge">withdrawn</span>"#;
    let listing = text(&site, "actors/index.html");
    assert!(
        listing.contains(&format!("Index Person</a>{}", &format!(" {badge}"))),
        "{listing}"
    );
    // A record that is not withdrawn has no banner; a withdrawn record pointing at it is marked.
    let someone = text(&site, "actors/someone.html");
    assert!(!someone.contains("<strong>Withdrawn</strong>"), "{someone}");
    assert!(
        someone.contains(&format!("Withdrawn account</a> {badge}")),
        "{someone}"
    );
    // Every list that links it says so: the actor's claims, the event's accounts.
    assert!(
        someone.matches(badge).count() >= 2,
        "referred to by, and claims it asserts: {someone}"
    );
    // The event's page lists both accounts, the withdrawn one marked; the timeline only the other.
    let event = text(&site, "events/ev.html");
    assert!(event.contains("Withdrawn account"), "{event}");
    assert!(
        event.contains(r#"<span class="badge">withdrawn</span>"#),
        "{event}"
    );
    let home = text(&site, "index.html");
    assert!(home.contains("Kept account"), "{home}");
    assert!(!home.contains("Withdrawn account"), "{home}");
    assert!(!home.contains("Withdrawn event"), "{home}");
    assert!(text(&site, "events/gone-ev.html").contains("<strong>Withdrawn</strong>"));
    let search = text(&site, "search-index.js");
    assert!(search.contains(r#""claim (withdrawn)""#), "{search}");
    assert!(
        search.contains(r#"["claims/kept-claim.html","claim","#),
        "{search}"
    );
}
