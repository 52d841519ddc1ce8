//! Escaping for every context the site prints a value from the data into.
//!
//! The dataset is contributed text: a title may hold `<script>`, a locator a `"`, a source URL
//! a `javascript:` scheme. Each helper here makes a value inert in one context, and the page
//! builders use nothing else to print data (`tests/site.rs` renders a hostile dataset and
//! checks the output).

/// Whether `c` is a bidirectional formatting control that opens or closes an embedding,
/// override or isolate (U+202A to U+202E, U+2066 to U+2069). One in a value would reorder
/// what the page prints after it, up to the end of its block (a name that makes the source
/// beside it read backwards): they never reach a page. The marks (U+200E, U+200F, U+061C)
/// stay: they reorder nothing beyond themselves, and text in Persian may need them.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Escapes text for an HTML (or inline SVG) text node: `&`, `<`, `>`. Quotes are escaped too,
/// so the result is also safe inside a double- or single-quoted attribute.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline, and bidirectional controls, have
            // no place in a page: each is shown as the replacement character.
            c if (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) => {
                out.push('\u{FFFD}');
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes a value for a quoted attribute. The same as [`html`]: kept as its own name so each
/// call site says which context it prints into.
pub fn attr(value: &str) -> String {
    html(value)
}

/// The value of an `href` for a URL from the data, or `None` when it must not be a link.
///
/// Only absolute `http:` and `https:` URLs and relative references (no scheme, not
/// protocol-relative) are links; anything else (`javascript:`, `data:`, `vbscript:`, a
/// scheme hidden behind whitespace or control characters as browsers strip them) is refused,
/// and the page shows the URL as text instead. The result is attribute-escaped.
pub fn href(url: &str) -> Option<String> {
    // Browsers strip leading and trailing C0 controls and spaces, and remove tabs and
    // newlines anywhere, before they look for the scheme: do the same, and refuse any other
    // control character outright.
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    if trimmed.is_empty()
        || trimmed
            .chars()
            .any(|c| c.is_control() && c != '\t' && c != '\n' && c != '\r')
    {
        return None;
    }
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let path_start = lower.find(['/', '?', '#']);
    let has_scheme = match (scheme_end, path_start) {
        (Some(colon), Some(slash)) => colon < slash,
        (Some(_), None) => true,
        (None, _) => false,
    };
    let ok = if has_scheme {
        // Browsers read `\` as `/` in http(s) URLs: refuse it rather than guess the host.
        (lower.starts_with("http://") || lower.starts_with("https://")) && !cleaned.contains('\\')
    } else {
        // A relative reference; `//host` and `\\host` would leave the site.
        !cleaned.starts_with("//") && !cleaned.starts_with('\\') && !cleaned.starts_with("/\\")
    };
    ok.then(|| attr(&cleaned))
}

/// Serialises a value as JSON for a `<script type="application/ld+json">` element: `<`, `>`
/// and `&` become `\u` escapes (so `</script>` and `<!--` cannot occur), and so do U+2028 and
/// U+2029, which older JavaScript parsers treat as line ends. Bidirectional controls become
/// the replacement character, as in [`html`]: the search script prints these strings on the
/// page.
pub fn json_in_script(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).expect("a JSON value always serialises");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if is_bidi_control(c) => out.push_str("\\ufffd"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_makes_markup_inert() {
        assert_eq!(
            html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(html("a\u{0}b\u{7}"), "a\u{FFFD}b\u{FFFD}");
    }

    /// Every embedding, override and isolate control is replaced, in text and in JSON; the
    /// marks, and the joiners Persian text uses, are kept.
    #[test]
    fn bidirectional_controls_never_reach_a_page() {
        let controls: Vec<char> = ('\u{2000}'..='\u{206F}')
            .filter(|&c| is_bidi_control(c))
            .collect();
        assert_eq!(controls.len(), 9);
        for c in controls {
            let text = format!("a{c}b");
            assert_eq!(html(&text), "a\u{FFFD}b", "{c:?}");
            let json = json_in_script(&serde_json::Value::from(text));
            assert_eq!(json, r#""a\ufffdb""#, "{c:?}");
        }
        for kept in ['\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{061C}'] {
            let text = format!("a{kept}b");
            assert_eq!(html(&text), text, "{kept:?}");
            assert_eq!(
                json_in_script(&serde_json::Value::from(text.clone())),
                format!("\"{text}\"")
            );
        }
    }

    #[test]
    fn only_http_and_relative_urls_are_links() {
        assert_eq!(
            href("https://example.org/a?b=1&c=\"2\"").as_deref(),
            Some("https://example.org/a?b=1&amp;c=&quot;2&quot;")
        );
        assert_eq!(
            href("HTTP://example.org").as_deref(),
            Some("HTTP://example.org")
        );
        assert_eq!(
            href("../actors/iran.html").as_deref(),
            Some("../actors/iran.html")
        );
        assert_eq!(href("notes.html#a:b").as_deref(), Some("notes.html#a:b"));
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "//evil.example/",
            "/\\evil.example/",
            "https:\\\\evil.example",
            "mailto:a@b.c",
            "",
        ] {
            assert_eq!(href(bad), None, "{bad:?} must not be a link");
        }
    }

    #[test]
    fn json_cannot_close_its_script() {
        let v = serde_json::json!({"name": "</script><!-- & \u{2028}\u{2029}"});
        let s = json_in_script(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
