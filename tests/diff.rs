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

#[test]
fn swapped_ids_are_major() {
    let old = data();
    let mut new = old.clone();
    // `iran` now names Russia and `russia` names Iran: no id disappeared.
    let (a, b) = (new.actors[2].id.clone(), new.actors[3].id.clone());
    new.actors[2].id = b;
    new.actors[3].id = a;
    new.actors.sort_by(|x, y| x.id.cmp(&y.id));
    let d = diff(&old, &new);
    assert!(d.removed.is_empty() && d.added.is_empty());
    assert_eq!(d.bump(), Some(Bump::Major), "{d}");
    let ids: Vec<(&str, &str)> = d
        .reassigned
        .iter()
        .map(|r| (r.id.as_str(), r.was.as_str()))
        .collect();
    assert_eq!(ids, [("iran", "russia"), ("russia", "iran")]);
    assert!(
        d.reason().unwrap().contains("now names"),
        "{:?}",
        d.reason()
    );
}

#[test]
fn a_swap_is_major_even_when_a_name_gains_an_invisible_character() {
    let old = data();
    let mut new = old.clone();
    let (a, b) = (new.actors[2].id.clone(), new.actors[3].id.clone());
    new.actors[2].id = b;
    new.actors[3].id = a;
    // A trailing zero-width space and a trailing space: the same names to a reader.
    new.actors[2].name.push('\u{200b}');
    new.actors[3].name.push(' ');
    new.actors.sort_by(|x, y| x.id.cmp(&y.id));
    let d = diff(&old, &new);
    assert_eq!(d.bump(), Some(Bump::Major), "{d}");
    assert_eq!(d.reassigned.len(), 2, "{d}");
}

#[test]
fn an_actor_id_turned_into_another_country_is_major() {
    let old = data();
    let mut new = old.clone();
    let russia = new.actors.iter_mut().find(|a| a.id == "russia").unwrap();
    assert!(
        russia.country.is_some(),
        "the fixture's russia has a country"
    );
    russia.name = "Ukraine".into();
    russia.country = Some(drone_dossier::CountryCode::new("UA").unwrap());
    let d = diff(&old, &new);
    assert_eq!(d.bump(), Some(Bump::Major), "{d}");
    assert!(d.to_string().contains("now names another record"), "{d}");
    assert!(
        d.reason()
            .unwrap()
            .contains("`russia` now names another record")
    );

    // Renaming alone is a correction: a patch.
    let mut new = old.clone();
    let russia = new.actors.iter_mut().find(|a| a.id == "russia").unwrap();
    russia.name = "Russian Federation".into();
    let d = diff(&old, &new);
    assert!(d.reassigned.is_empty(), "{d}");
    assert_eq!(d.bump(), Some(Bump::Patch), "{d}");
}

#[test]
fn a_renamed_records_old_id_given_to_another_record_is_major() {
    let old = data();
    let mut new = old.clone();
    // `example-minister` is renamed `example-foreign-minister`, and its old id goes to a new
    // person: one record added, one changed, none removed.
    let mut renamed = new.actors[1].clone();
    renamed.id = drone_dossier::Id::new("example-foreign-minister").unwrap();
    new.actors[1].name = "Another Minister".into();
    new.actors.push(renamed);
    let d = diff(&old, &new);
    assert!(d.removed.is_empty());
    assert_eq!(d.bump(), Some(Bump::Major), "{d}");
    assert_eq!(d.reassigned[0].id, "example-foreign-minister");
    assert_eq!(d.reassigned[0].was, "example-minister");

    // A new record that only shares a name with one that kept it is an addition: minor.
    let mut new = old.clone();
    let mut namesake = new.actors[1].clone();
    namesake.id = drone_dossier::Id::new("example-minister-2").unwrap();
    new.actors.push(namesake);
    let d = diff(&old, &new);
    assert!(d.reassigned.is_empty());
    assert_eq!(d.bump(), Some(Bump::Minor));
}

#[test]
fn one_rule_for_every_list_change() {
    let old = data();
    let eu = |aliases: &[&str]| {
        let mut d = old.clone();
        d.actors[0].aliases = aliases.iter().map(|s| (*s).to_owned()).collect();
        d
    };
    // Removing one of two aliases and removing the only one are the same change: a patch.
    let d = diff(&eu(&["EU", "Union"]), &eu(&["EU"]));
    assert_eq!(d.bump(), Some(Bump::Patch), "{d}");
    let d = diff(&eu(&["EU"]), &eu(&[]));
    assert_eq!(d.bump(), Some(Bump::Patch), "{d}");
    assert!(
        matches!(&d.changed[0].fields[0], FieldChange::ItemsRemoved { pointer, items } if pointer == "/aliases" && items.len() == 1)
    );
    // And adding one is a minor change, whether or not the list existed.
    assert_eq!(diff(&eu(&[]), &eu(&["EU"])).bump(), Some(Bump::Minor));
    assert_eq!(
        diff(&eu(&["EU"]), &eu(&["EU", "Union"])).bump(),
        Some(Bump::Minor)
    );
    // Multisets: [X, X] -> [X, Y, Z] lost one X and gained Y and Z.
    let d = diff(&eu(&["X", "X"]), &eu(&["X", "Y", "Z"]));
    let fields = &d.changed[0].fields;
    assert!(
        matches!(&fields[0], FieldChange::ItemsAdded { items, .. } if items == &["Y", "Z"]),
        "{d}"
    );
    assert!(
        matches!(&fields[1], FieldChange::ItemsRemoved { items, .. } if items == &["X"]),
        "{d}"
    );
    assert!(d.to_string().contains("gained \"Y\", \"Z\""), "{d}");
    assert!(d.to_string().contains("lost \"X\""), "{d}");
    // The same items in another order: a patch.
    assert_eq!(
        diff(&eu(&["A", "B"]), &eu(&["B", "A"])).bump(),
        Some(Bump::Patch)
    );
}

#[test]
fn values_from_the_data_are_escaped_in_the_text() {
    let old = data();
    let mut new = old.clone();
    new.actors[0].name = "Evil\u{1b}[2J\u{202e}".into();
    let text = diff(&old, &new).to_string();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
    assert!(text.contains("\\u{202e}"), "{text}");
}
