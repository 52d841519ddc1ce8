//! Text from the data, made safe to print to a terminal: one escaping rule for every command.
//!
//! A value in the dataset (a name, a quote, an archive entry's name, a changelog line) can
//! hold characters that act on the terminal rather than show: ESC starts a control sequence
//! that can move the cursor, recolour, retitle or clear the screen; CR and BEL rewrite a line
//! or ring; bidirectional overrides (U+202E) reorder what follows so the screen shows something
//! other than the bytes. Every human-readable output (`dossier validate`, `diff`, `fmt`,
//! `release`, error messages) prints data through [`terminal`] or [`terminal_lines`], so
//! these show as visible escapes (`\u{1b}`, `\r`, `\u{202e}`) instead.

use std::fmt::Write;

/// Whether a character from the data is printed escaped: control characters (which can
/// move the cursor, clear or retitle the terminal, or start a new line), and the invisible
/// ones that reorder, split or disguise the text around them (bidirectional controls, line and
/// paragraph separators, a byte-order mark, zero-width characters and tag characters, which
/// make two different values print the same: `Iran` and `Iran\u{200b}`). The joiners
/// (U+200C, U+200D) are not among them: Persian spelling and emoji sequences need them.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200b}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{2060}'..='\u{2064}'
                | '\u{feff}'
                | '\u{e0000}'..='\u{e007f}'
                // Characters that render as nothing and are no part of a script's spelling or
                // an emoji (unlike the joiners and variation selectors): the soft hyphen, the
                // deprecated format characters, the Hangul fillers.
                | '\u{00ad}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{206a}'..='\u{206f}'
                | '\u{3164}'
                | '\u{ffa0}'
        )
}

/// Appends `c` as printed: as it is, or escaped (`\n`, `\r`, `\t`, `\u{1b}`).
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if needs_escape(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// One value from the data (a name, a message, a path), safe to print: every character that
/// [`needs_escape`], newlines included, is written as a visible escape.
///
/// ```
/// use drone_dossier::escape::terminal;
/// assert_eq!(terminal("evil\u{1b}[2Jname\u{202e}"), "evil\\u{1b}[2Jname\\u{202e}");
/// assert_eq!(terminal("a\nb"), "a\\nb");
/// assert_eq!(terminal("Amir-Abdollahian, «ok»"), "Amir-Abdollahian, «ok»");
/// ```
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    out
}

/// A JSON text, safe to print to a terminal and the same JSON: every character that
/// [`needs_escape`] is written as a JSON `\uXXXX` escape (a surrogate pair above U+FFFF).
/// serde_json escapes the C0 controls only, so a bidi override (U+202E) in a value reached the
/// terminal raw and reordered the line. Outside strings a JSON text holds only ASCII
/// structure and whitespace, so only characters inside strings change.
///
/// ```
/// use drone_dossier::escape::json_text;
/// let text = serde_json::to_string(&serde_json::json!({"name": "evil\u{202e}txt\u{85}"})).unwrap();
/// assert_eq!(json_text(&text), r#"{"name":"evil\u202etxt\u0085"}"#);
/// let back: serde_json::Value = serde_json::from_str(&json_text(&text)).unwrap();
/// assert_eq!(back["name"], "evil\u{202e}txt\u{85}");
/// ```
pub fn json_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Structure and whitespace (`\n` between members) are ASCII and stay as they are.
        if c.is_ascii() || !needs_escape(c) {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
    out
}

/// A whole block of output, safe to print: like [`terminal`] but keeping its line breaks
/// (`\n`), for text the program laid out in lines. Escaped text stays as it is, so a block
/// whose values were already escaped can go through this again.
///
/// ```
/// use drone_dossier::escape::terminal_lines;
/// assert_eq!(terminal_lines("one\ntwo\r\u{7}\n"), "one\ntwo\\r\\u{7}\n");
/// ```
pub fn terminal_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' {
            out.push('\n');
        } else {
            push_escaped(&mut out, c);
        }
    }
    out
}

/// Whether `c` is a default-ignorable code point (Unicode's `Default_Ignorable_Code_Point`):
/// zero-width spaces and joiners, bidi controls, variation selectors, the soft hyphen, …,
/// which render as nothing, so two names that differ only by them look the same. Used where
/// values are compared as a reader sees them (`name-collision`, `diff`'s swapped ids).
pub(crate) fn default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}
