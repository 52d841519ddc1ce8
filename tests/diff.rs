//! `diff`: changes found record by record and field by field, and the bump they imply.

use std::path::Path;

use drone_dossier::Dataset;
use drone_dossier::diff::{Bump, FieldChange, diff};

fn data() -> Dataset {
    Dataset::from_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release/dataset"))
        .unwrap()
}

#[test]
fn identical_datasets_have_no_changes() {
    let d = diff(&data(), &data());
    assert!(d.is_empty());
    assert_eq!(d.bump(), None);
    assert_eq!(d.to_string(), "no changes");
}

#[test]
fn the_version_number_itself_is_not_a_change() {
    let mut new = data();
    new.metadata.version = drone_dossier::Version::new("9.0.0").unwrap();
    assert!(diff(&data(), &new).is_empty());
}

#[test]
fn a_removed_record_is_major_and_an_added_one_minor() {
    let old = data();
    let mut new = old.clone();
    new.quotes.remove(0);
    let d = diff(&old, &new);
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.removed[0].id, "abdollahian-confirms");
    assert_eq!(d.bump(), Some(Bump::Major));

    let d = diff(&new, &old);
    assert_eq!(d.added.len(), 1);
    assert_eq!(d.bump(), Some(Bump::Minor));

    // A renamed id is a removal plus an addition: major.
    let mut renamed = old.clone();
    renamed.quotes[0].id = drone_dossier::Id::new("abdollahian-admits").unwrap();
    let d = diff(&old, &renamed);
    assert_eq!((d.added.len(), d.removed.len()), (1, 1));
    assert_eq!(d.bump(), Some(Bump::Major));
}

#[test]
fn fields_are_compared_one_by_one() {
    let old = data();
    let mut new = old.clone();
    new.events[2].title = "The Treaty of Turkmenchay".into();
    new.events[2].summary = Some("Russia and Persia end a war.".into());
    let d = diff(&old, &new);
    assert_eq!(d.changed.len(), 1);
    let c = &d.changed[0];
    assert_eq!(c.id, "treaty-of-turkmenchay");
    assert_eq!(c.fields.len(), 2);
    assert!(matches!(&c.fields[0], FieldChange::Changed { pointer, .. } if pointer == "/title"));
    assert!(matches!(&c.fields[1], FieldChange::Added { pointer, .. } if pointer == "/summary"));
    assert_eq!(d.bump(), Some(Bump::Minor));

    // Removing a field someone could read is breaking.
    let d = diff(&new, &old);
    assert!(
        d.changed[0]
            .fields
            .iter()
            .any(|f| matches!(f, FieldChange::Removed { pointer, .. } if pointer == "/summary"))
    );
    assert_eq!(d.bump(), Some(Bump::Major));
}

#[test]
fn nested_changes_have_precise_pointers() {
    let old = data();
    let mut new = old.clone();
    new.events[0].participants[1].role = drone_dossier::ParticipantRole::Target;
    new.actors[1].aliases.push("European Union (EU)".into());
    let d = diff(&old, &new);
    let pointers: Vec<(&str, Bump)> = d
        .changed
        .iter()
        .flat_map(|c| c.fields.iter().map(|f| (f.pointer(), f.bump())))
        .collect();
    assert_eq!(
        pointers,
        [
            ("/aliases", Bump::Minor),
            ("/participants/1/role", Bump::Patch)
        ]
    );
    assert!(d.to_string().contains("implied bump: minor"), "{d}");
}

#[test]
fn metadata_changes() {
    let old = data();
    let mut new = old.clone();
    new.metadata.license = "CC0-1.0".into();
    assert_eq!(diff(&old, &new).bump(), Some(Bump::Major));
    let mut new = old.clone();
    new.metadata.schema_version = drone_dossier::Version::new("1.1.0").unwrap();
    assert_eq!(diff(&old, &new).bump(), Some(Bump::Minor));
    new.metadata.schema_version = drone_dossier::Version::new("2.0.0").unwrap();
    assert_eq!(diff(&old, &new).bump(), Some(Bump::Major));
    let mut new = old.clone();
    new.metadata.description = "Better words.".into();
    assert_eq!(diff(&old, &new).bump(), Some(Bump::Patch));
}

#[test]
fn duplicate_ids_are_found() {
    let mut d = data();
    assert!(drone_dossier::diff::duplicate_ids(&d).is_empty());
    // Two events with the same id, and an id shared by an actor and a source.
    let mut twin = d.events[0].clone();
    twin.title = "A twin".into();
    d.events.push(twin);
    let mut actor = d.actors[0].clone();
    actor.id = d.sources[0].id.clone();
    d.actors.push(actor);
    let mut expected = vec![d.events[0].id.to_string(), d.sources[0].id.to_string()];
    expected.sort();
    assert_eq!(drone_dossier::diff::duplicate_ids(&d), expected);
}

#[test]
fn withdrawal_is_minor_and_curation_notes_a_patch() {
    let old = data();
    let mut new = old.clone();
    new.quotes[0].withdrawn = Some("2023-01".parse().unwrap());
    new.quotes[0].notes = Some("Withdrawn: a duplicate.".into());
    let d = diff(&old, &new);
    assert_eq!(d.bump(), Some(Bump::Minor));
    // Reinstating a record (removing `withdrawn`) is minor too, not a removal.
    assert_eq!(diff(&new, &old).bump(), Some(Bump::Minor));
    let mut noted = old.clone();
    noted.quotes[0].notes = Some("year inferred from context".into());
    assert_eq!(diff(&old, &noted).bump(), Some(Bump::Patch));
    assert_eq!(diff(&noted, &old).bump(), Some(Bump::Patch));
    // A new field is still minor.
    let mut reported = old.clone();
    reported.quotes[0].reported_by = vec![reported.actors[0].id.clone()];
    assert_eq!(diff(&old, &reported).bump(), Some(Bump::Minor));
}
