//! Hash maps and sets for keys that come from the files (ids, names, keys).
//!
//! The standard library's SipHash was a measured share of a large run (ids are hashed when
//! defined, again for every reference, and again by the name and citation rules). foldhash is
//! several times faster on short keys, and its `RandomState` is seeded per process, so a
//! dataset cannot be crafted to make its ids collide. It is already built for `jsonschema`'s
//! hash maps, so it costs no extra crate.

/// A hash map with foldhash's per-process seed.
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set with foldhash's per-process seed.
pub(crate) type Set<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
