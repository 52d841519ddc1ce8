//! # dossier
//!
//! A typed, validated, versioned dataset of one story: Iran's sale of drones to Russia, their
//! use against Ukraine in 2022, the sanctions that followed, and the debate they set off
//! inside Iran. Every record cites the source it comes from; contested facts are recorded as
//! competing [`Claim`]s with who makes them.
//!
//! - [`model`]: the record types (serde), which are also the source of the JSON Schema.
//! - [`Dataset`]: every record in memory, with typed queries ([`Dataset::get`],
//!   [`Dataset::events_chronological`], [`Dataset::events_of`], [`Dataset::quotes_by`],
//!   [`Dataset::sanctions_imposed_by`], [`Dataset::sanctions_on`], [`Dataset::claims_about`],
//!   [`Dataset::sources_of`]).
//! - [`diff`]: what changed between two versions, and the version bump that implies.
//! - `release` (feature `release`): reading a published release bundle, checksums first;
//!   building one with feature `release-build`.
//! - `schema` (feature `schema`): JSON Schema generation.
//! - `validate` (feature `validate`): the validator behind `dossier validate`.
//! - [`format`](mod@format): the canonical form of dataset files, written by `dossier fmt`.
//!
//! ## Three ways to load the data
//!
//! | from | call | feature |
//! |------|------|---------|
//! | the copy compiled into this crate | `Dataset::embedded()` | `embedded` |
//! | a working copy's `dataset/` | [`Dataset::from_dir`] | none |
//! | a release, `dossier-data-X.Y.Z.tar.gz` or unpacked | `Dataset::from_release` | `release` |
//!
//! All three give equal [`Dataset`]s for the same version (the tests check it).
//!
//! ## Features
//!
//! | feature | what it adds | extra dependencies |
//! |---------|--------------|--------------------|
//! | `embedded` | the bundled dataset, compiled in | none |
//! | `release` | `Dataset::from_release`, the `release` module | sha2, flate2, tar |
//! | `schema` | JSON Schema generation | schemars |
//! | `validate` | the validator | schemars, jsonschema, unicode-width |
//! | `release-build` | building release bundles (`release` + `validate`) | as those |
//! | `cli` | everything the `dossier` binary needs | clap, and the above |
//!
//! No feature is on by default: a dependent compiles serde, serde_json, chrono and thiserror
//! only. `embedded` is opt-in (`cargo add drone-dossier --features embedded`) because a crate
//! that embeds the data is rebuilt whenever a dataset file changes; the `dossier` binary (`cli`)
//! reads the files at run time instead, so a contributor's data edit never rebuilds it.
//!
//! ## Example
//!
//! ```
//! # #[cfg(feature = "embedded")] {
//! let data = drone_dossier::Dataset::embedded();
//! // Every event, oldest first; undated events last.
//! for event in data.events_chronological() {
//!     let date = event.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
//!     println!("{date}: {}", event.title);
//!     // The competing accounts of the event, if the sources disagree about it.
//!     for claim in data.claims_about(event.id.as_str()) {
//!         println!("  claim: {}", claim.statement);
//!     }
//! }
//! // Who said what, with the sources behind each quote.
//! for (speaker, quotes) in data.quotes_by_speaker() {
//!     for quote in quotes {
//!         let sources = data.sources_of(quote.id.as_str());
//!         assert!(!sources.is_empty(), "every quote cites a source");
//!         println!("{speaker}: {} ({})", quote.text, sources[0].title);
//!     }
//! }
//! # }
//! ```
#![warn(missing_docs)]

mod dataset;
pub mod diff;
#[cfg(feature = "embedded")]
pub mod embedded;
mod files;
pub mod format;
pub mod model;
mod query;
#[cfg(feature = "release")]
pub mod release;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "validate")]
pub mod validate;

pub use dataset::{Dataset, LoadError};
pub use model::*;
pub use query::RecordRef;
