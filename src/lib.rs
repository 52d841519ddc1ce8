//! # dossier
//!
//! A typed, validated, versioned dataset of one story: Iran's sale of drones to Russia in
//! 2022, their use against Ukraine, the sanctions that followed, and the debate they set off
//! inside Iran. Every record cites the source it comes from; contested facts are recorded as
//! competing [`Claim`]s with who makes them.
//!
//! - [`model`]: the record types (serde), which are also the source of the JSON Schema.
//! - [`Dataset`]: every record in memory, from a directory or (feature `embedded`, on by
//!   default) compiled into the crate.
//! - `schema` (feature `schema`): JSON Schema generation.
//! - `validate` (feature `validate`): the validator behind `dossier validate`.
//! - [`format`](mod@format): the canonical form of dataset files, written by `dossier fmt`.
//!
//! ```
//! # #[cfg(feature = "embedded")] {
//! let data = dossier::Dataset::embedded();
//! let transfer = data.events.iter().find(|e| e.kind == dossier::EventKind::ArmsTransfer);
//! assert!(transfer.is_some());
//! # }
//! ```
#![warn(missing_docs)]

mod dataset;
#[cfg(feature = "embedded")]
pub mod embedded;
pub mod format;
pub mod model;
#[cfg(feature = "schema")]
pub mod schema;
#[cfg(feature = "validate")]
pub mod validate;

pub use dataset::{Dataset, LoadError};
pub use model::*;
