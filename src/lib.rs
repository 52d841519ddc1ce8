//! # dossier
//!
//! A typed, validated, versioned dataset of one story: Iran's sale of drones to Russia, their
//! use against Ukraine in 2022, the sanctions that followed, and the debate they set off
//! inside Iran. Every record cites the source it comes from; contested facts are recorded as
//! competing [`Claim`]s with who makes them.
//!
//! - [`model`]: the record types (serde), which are also the source of the JSON Schema.
//! - [`Dataset`]: every record in memory, with typed queries ([`Dataset::get`],
//!   [`Dataset::events_chronological`], [`Dataset::events_during`], [`Dataset::events_of`],
//!   [`Dataset::quotes_by`], [`Dataset::quotes_about`], [`Dataset::responses_to`],
//!   [`Dataset::sanctions_imposed_by`], [`Dataset::sanctions_on`], [`Dataset::claims_about`],
//!   [`Dataset::claims_by`], [`Dataset::actors_named`], [`Dataset::sources_of`]) that take ids
//!   as `&str` or [`&Id`](Id), and checked lookups ([`Dataset::try_get`],
//!   [`Dataset::try_actor`], ...) that tell an unknown id from an empty result
//!   ([`LookupError`]).
//! - Versioning: model structs and vocabulary enums are `#[non_exhaustive]`, so a field or
//!   value added to the data is a minor release; build values with their `new` constructors.
//!   See the README's "Versioning".
//! - [`diff`]: what changed between two versions, and the version bump that implies.
//! - `release` (feature `release`): reading a published release bundle, checksums first;
//!   building one with feature `release-build`.
//! - `schema` (feature `schema`): JSON Schema generation.
//! - `site` (feature `site`): the static website, shipped in every release bundle.
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
//! | `site` | `site`: the static website (`dossier site`) | none |
//! | `release-build` | building release bundles (`release` + `validate` + `site`) | as those |
//! | `cli` | everything the `dossier` binary needs | clap, and the above |
//!
//! No feature is on by default: a dependent compiles serde, serde_json, chrono, thiserror and
//! semver only (and libc on Unix). `embedded` is opt-in (`cargo add drone-dossier --features
//! embedded`) because a crate that embeds the data is rebuilt whenever a dataset file changes;
//! the `dossier` binary (`cli`) reads the files at run time instead, so a contributor's data
//! edit never rebuilds it.
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
//!     for claim in data.claims_about(&event.id) {
//!         println!("  claim: {}", claim.statement);
//!     }
//! }
//! // Who said what, with the sources behind each quote.
//! for (speaker, quotes) in data.quotes_by_speaker() {
//!     for quote in quotes {
//!         let sources = data.sources_of(&quote.id);
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
pub mod escape;
pub mod files;
pub mod format;
mod lookup;
pub mod model;
mod query;
#[cfg(feature = "release")]
pub mod release;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "site")]
pub mod site;
#[cfg(feature = "validate")]
pub mod validate;

pub use dataset::{Dataset, LoadError};
pub use lookup::LookupError;
pub use model::*;
pub use query::RecordRef;
