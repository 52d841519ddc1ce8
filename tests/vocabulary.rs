//! Every vocabulary prints with the data's spelling, and `ALL` lists exactly the values the
//! JSON Schema allows: a variant added to an enum but forgotten in `ALL` fails here.

use drone_dossier::schema::generate_for;
use drone_dossier::{
    ActorKind, ClaimKind, EventKind, EventRelation, MaterielKind, MeasureKind, Medium,
    ParticipantRole, QuoteKind, RelationKind, RoleStatus, SourceKind, Stance,
};
use schemars::JsonSchema;
use serde::Serialize;

fn check<T: JsonSchema + Serialize + std::fmt::Display + Copy>(
    all: &[T],
    as_str: fn(T) -> &'static str,
) {
    let schema = generate_for::<T>("vocabulary");
    let allowed: Vec<&str> = schema["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{} is not a plain enum: {schema}", T::schema_name()))
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let ours: Vec<&str> = all.iter().map(|v| as_str(*v)).collect();
    assert_eq!(
        ours,
        allowed,
        "{}::ALL against the schema",
        T::schema_name()
    );
    for v in all {
        assert_eq!(serde_json::to_value(v).unwrap(), as_str(*v));
        assert_eq!(v.to_string(), as_str(*v));
    }
}

#[test]
fn all_lists_every_schema_value_with_serde_spelling() {
    check(ActorKind::ALL, ActorKind::as_str);
    check(RoleStatus::ALL, RoleStatus::as_str);
    check(RelationKind::ALL, RelationKind::as_str);
    check(EventKind::ALL, EventKind::as_str);
    check(ParticipantRole::ALL, ParticipantRole::as_str);
    check(EventRelation::ALL, EventRelation::as_str);
    check(MeasureKind::ALL, MeasureKind::as_str);
    check(QuoteKind::ALL, QuoteKind::as_str);
    check(Medium::ALL, Medium::as_str);
    check(Stance::ALL, Stance::as_str);
    check(SourceKind::ALL, SourceKind::as_str);
    check(ClaimKind::ALL, ClaimKind::as_str);
    check(MaterielKind::ALL, MaterielKind::as_str);
}

#[test]
fn the_users_example_prints_paraphrase() {
    assert_eq!(QuoteKind::Paraphrase.to_string(), "paraphrase");
    assert_eq!(format!("{}", ActorKind::GovernmentBody), "government_body");
}
