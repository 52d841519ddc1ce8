//! The typed queries, on the small fixture dataset of the release tests.

use std::path::Path;

use drone_dossier::{Dataset, ParticipantRole, RecordKind};

fn data() -> Dataset {
    Dataset::from_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release/dataset"))
        .unwrap()
}

fn ids<T>(records: &[&T], id: impl Fn(&T) -> &str) -> Vec<String> {
    records.iter().map(|r| id(r).to_owned()).collect()
}

#[test]
fn records_by_id_of_any_kind() {
    let d = data();
    let r = d.get("drone-delivery").unwrap();
    assert_eq!(r.kind(), RecordKind::Event);
    assert_eq!(r.id().as_str(), "drone-delivery");
    assert_eq!(d.get("article").unwrap().kind(), RecordKind::Source);
    assert_eq!(d.get("iran").unwrap().kind(), RecordKind::Actor);
    assert_eq!(
        d.get("eu-drone-sanctions").unwrap().kind(),
        RecordKind::Sanction
    );
    assert_eq!(
        d.get("abdollahian-confirms").unwrap().kind(),
        RecordKind::Quote
    );
    assert_eq!(
        d.get("delivered-in-august").unwrap().kind(),
        RecordKind::Claim
    );
    assert!(d.get("no-such-record").is_none());
    assert!(d.event("iran").is_none(), "typed lookups check the kind");
    assert_eq!(d.actor("iran").unwrap().name, "Iran");
}

#[test]
fn events_in_chronological_order_undated_last() {
    let d = data();
    let order = ids(&d.events_chronological(), |e| e.id.as_str());
    assert_eq!(
        order,
        [
            "treaty-of-turkmenchay",
            "invasion-of-ukraine",
            "drone-delivery"
        ]
    );
}

#[test]
fn events_of_an_actor_with_its_role() {
    let d = data();
    let russia: Vec<(String, ParticipantRole)> = d
        .events_of("russia")
        .into_iter()
        .map(|(e, role)| (e.id.to_string(), role))
        .collect();
    assert_eq!(
        russia,
        [
            ("invasion-of-ukraine".to_owned(), ParticipantRole::Initiator),
            ("drone-delivery".to_owned(), ParticipantRole::Recipient),
        ]
    );
    assert!(d.events_of("european-union").is_empty());
}

#[test]
fn quotes_by_speaker() {
    let d = data();
    let quotes = d.quotes_by("example-minister");
    assert_eq!(ids(&quotes, |q| q.id.as_str()), ["abdollahian-confirms"]);
    assert!(d.quotes_by("iran").is_empty());
    let grouped = d.quotes_by_speaker();
    assert_eq!(grouped.len(), 1);
    assert_eq!(grouped.keys().next().unwrap().as_str(), "example-minister");
}

#[test]
fn sanctions_by_imposer_and_target() {
    let d = data();
    let by_eu = d.sanctions_imposed_by("european-union");
    assert_eq!(ids(&by_eu, |s| s.id.as_str()), ["eu-drone-sanctions"]);
    assert_eq!(
        ids(&d.sanctions_on("iran"), |s| s.id.as_str()),
        ["eu-drone-sanctions"]
    );
    assert!(d.sanctions_on("european-union").is_empty());
    assert!(d.sanctions_imposed_by("iran").is_empty());
}

#[test]
fn competing_claims_ordered_by_when_they_were_made() {
    let d = data();
    let claims = d.claims_about("drone-delivery");
    // US officials' claim (2022-10) came before Iran's (2022-11).
    assert_eq!(
        ids(&claims, |c| c.id.as_str()),
        ["delivered-in-august", "delivered-before-the-war"]
    );
    assert!(d.claims_about("invasion-of-ukraine").is_empty());
}

#[test]
fn sources_behind_a_record() {
    let d = data();
    let titles =
        |id: &str| -> Vec<String> { d.sources_of(id).iter().map(|s| s.id.to_string()).collect() };
    assert_eq!(titles("abdollahian-confirms"), ["article"]);
    // Citations of roles count too, and each source is listed once.
    assert_eq!(titles("example-minister"), ["article"]);
    assert_eq!(titles("article"), ["article"]);
    assert!(titles("nothing").is_empty());
}

/// The release fixture with one file's records edited.
fn edited(file: drone_dossier::DataFile, edit: impl Fn(&mut serde_json::Value)) -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release/dataset");
    Dataset::from_texts(|f| {
        let path = dir.join(f.file_name());
        let mut text = std::fs::read_to_string(&path).unwrap();
        if f == file {
            let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
            edit(&mut v);
            text = v.to_string();
        }
        Ok((path, text))
    })
    .unwrap()
}

#[test]
fn quotes_by_a_speaker_include_shared_quotes() {
    let d = edited(drone_dossier::DataFile::Quotes, |v| {
        v["quotes"][0]["speakers"] = serde_json::json!(["iran", "example-minister", "iran"]);
    });
    assert_eq!(
        ids(&d.quotes_by("iran"), |q| q.id.as_str()),
        ["abdollahian-confirms"]
    );
    assert_eq!(
        ids(&d.quotes_by("example-minister"), |q| q.id.as_str()),
        ["abdollahian-confirms"]
    );
    let grouped = d.quotes_by_speaker();
    assert_eq!(grouped.len(), 2);
    // Listed once per speaker even if the speaker is (wrongly) listed twice.
    assert_eq!(grouped.values().map(Vec::len).collect::<Vec<_>>(), [1, 1]);
}

#[test]
fn claims_about_an_event_filter_by_stance_and_kind() {
    use drone_dossier::{ClaimKind, Stance};
    let d = edited(drone_dossier::DataFile::Claims, |v| {
        v["claims"][0]["stance"] = "suggests".into();
        v["claims"][0]["hedge"] = "believed".into();
        v["claims"][0]["kind"] = "interpretation".into();
    });
    let first = d.claims[0].id.to_string();
    let all = d.claims_about("drone-delivery");
    assert_eq!(all.len(), 2);
    let suggests = d.claims_about_with("drone-delivery", Some(Stance::Suggests), None);
    assert_eq!(
        ids(&suggests, |c| c.id.as_str()),
        std::slice::from_ref(&first)
    );
    let interpretations =
        d.claims_about_with("drone-delivery", None, Some(ClaimKind::Interpretation));
    assert_eq!(ids(&interpretations, |c| c.id.as_str()), [first]);
    assert_eq!(
        d.claims_about_with("drone-delivery", Some(Stance::Denies), None)
            .len(),
        0
    );
    assert_eq!(d.claims_about_with("drone-delivery", None, None).len(), 2);
}

#[test]
fn withdrawn_records_stay_and_say_so() {
    let d = edited(drone_dossier::DataFile::Quotes, |v| {
        v["quotes"][0]["withdrawn"] = "2023-01".into();
        v["quotes"][0]["notes"] = "Withdrawn: a duplicate.".into();
    });
    assert!(d.is_withdrawn("abdollahian-confirms"));
    assert!(d.get("abdollahian-confirms").is_some());
    assert!(!d.is_withdrawn("drone-delivery"));
    assert!(!d.is_withdrawn("no-such-record"));
}
