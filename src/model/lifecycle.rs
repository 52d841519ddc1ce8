//! What every record kind carries for its own curation: notes, withdrawal and acknowledged
//! warnings.
//!
//! A record is never deleted once released: ids are a promise to users. A retracted record is
//! marked `withdrawn` (a date) with the reason in its `notes`, as OSV and RustSec advisories
//! do, so a release stays traceable to the ones before it. A warning the curators have
//! examined and accept is acknowledged on the record with a reason, so it stays visible in
//! the validator's summary without failing `validate --deny warnings`.

use serde::{Deserialize, Serialize};

use super::checked::checked_string;

checked_string! {
    /// The code of a validator warning, as printed: `imposer-is-group`. Whether the code
    /// exists and is a warning is checked by the validator (`unknown-warning-code`), which
    /// owns the list of codes.
    WarningCode,
    pattern = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$",
    check = |s| {
        s.starts_with(|c: char| c.is_ascii_lowercase())
            && !s.ends_with('-')
            && !s.contains("--")
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    },
    expected = "a warning code (lowercase words joined by hyphens, such as `imposer-is-group`)",
    description = "The code of a validator warning, as `dossier validate` prints it.",
    examples = ["imposer-is-group", "name-collision"]
}

/// A validator warning the curators have examined and accept for this record.
///
/// An acknowledged warning is still reported, in the summary, as acknowledged; it is not
/// counted, so `dossier validate --deny warnings` passes. Acknowledging a code that is not a
/// warning, or one the record does not raise, is itself a problem (`unknown-warning-code`,
/// `unused-acknowledgement`), so acknowledgements cannot go stale silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AcknowledgedWarning {
    /// The warning's code, such as `imposer-is-group`.
    pub code: WarningCode,
    /// Why the warning is accepted: what the source says that makes it right here.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub reason: String,
}
