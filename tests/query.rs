//! The typed queries, on the small fixture dataset of the release tests (and on the bundled
//! dataset where a test needs what only it holds).

use std::path::Path;

use drone_dossier::{
    DataFile, Dataset, Date, Id, LookupError, ParticipantRole, Record, RecordKind,
};

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
fn competing_claims_ordered_by_the_date_they_give_the_event() {
    let d = data();
    let claims = d.claims_about("drone-delivery");
    // Iran's account puts the delivery before the war, the US officials' in August 2022, so
    // Iran's comes first, although US officials made theirs earlier (2022-10 vs 2022-11).
    assert_eq!(
        ids(&claims, |c| c.id.as_str()),
        ["delivered-before-the-war", "delivered-in-august"]
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

/// A dataset from the given collections (JSON arrays of records); the others are empty.
fn build(collections: &[(DataFile, &str)]) -> Dataset {
    Dataset::from_texts(|file| {
        let text = match (file, collections.iter().find(|(f, _)| *f == file)) {
            (DataFile::Metadata, _) => r#"{"$schema": "m", "name": "t", "version": "1.0.0",
                "schema_version": "1.0.0", "license": "CC0-1.0", "description": "t"}"#
                .to_owned(),
            (f, Some((_, records))) => format!(r#"{{"$schema": "s", "{}": {records}}}"#, f.name()),
            (f, None) => format!(r#"{{"$schema": "s", "{}": []}}"#, f.name()),
        };
        Ok((file.file_name().into(), text))
    })
    .unwrap()
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

const CITE: &str = r#""citations": [{"source": "s"}]"#;

fn event(id: &str, date: Option<&str>) -> String {
    let date = date.map_or(String::new(), |d| format!(r#""date": "{d}","#));
    format!(r#"{{"id": "{id}", "kind": "other", "title": "{id}", {date} {CITE}}}"#)
}

fn quote(
    id: &str,
    speaker: &str,
    date: Option<&str>,
    about: &[&str],
    responds_to: &[&str],
) -> String {
    let date = date.map_or(String::new(), |d| format!(r#""date": "{d}","#));
    format!(
        r#"{{"id": "{id}", "speakers": ["{speaker}"], "kind": "direct", "text": "t", "language": "en",
            {date} "about": {about:?}, "responds_to": {responds_to:?}, {CITE}}}"#
    )
}

fn claim(id: &str, by: &[&str], event_date: Option<&str>, asserted_on: Option<&str>) -> String {
    let mut dates = String::new();
    if let Some(d) = event_date {
        dates += &format!(r#""event_date": "{d}","#);
    }
    if let Some(d) = asserted_on {
        dates += &format!(r#""asserted_on": "{d}","#);
    }
    format!(
        r#"{{"id": "{id}", "about": "e", "statement": "s", "stance": "affirms", {dates}
            "asserted_by": {by:?}, {CITE}}}"#
    )
}

fn list(records: &[String]) -> String {
    format!("[{}]", records.join(","))
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn queries_accept_ids_from_records() {
    let d = data();
    let minister: &Id = &d.actor("example-minister").unwrap().id;
    // `&Id`, `Id`, `&str` and `String` are all accepted.
    assert_eq!(d.quotes_by(minister).len(), 1);
    assert_eq!(d.quotes_by(minister.clone()).len(), 1);
    assert_eq!(d.quotes_by(String::from("example-minister")).len(), 1);
    let delivery = &d.quotes_by(minister)[0].about[0];
    assert_eq!(d.claims_about(delivery).len(), 2);
    assert!(d.get(delivery).is_some());
}

#[test]
fn checked_lookups_tell_unknown_ids_from_empty_results() {
    let d = data();
    // A real actor with no quotes, and a typo: both give no quotes...
    assert!(d.quotes_by("iran").is_empty());
    assert!(d.quotes_by("example-ministr").is_empty());
    // ...but only one of them is an actor.
    assert_eq!(d.try_actor("iran").unwrap().name, "Iran");
    let err = d.try_actor("example-ministr").unwrap_err();
    assert_eq!(
        err,
        LookupError::Unknown {
            id: "example-ministr".into(),
            suggestion: Some(Id::new("example-minister").unwrap()),
        }
    );
    assert_eq!(
        err.to_string(),
        "no record has the id `example-ministr`; did you mean `example-minister`?"
    );
    // A word of an id finds it.
    assert_eq!(
        d.try_event("delivery").unwrap_err().suggestion().unwrap(),
        "drone-delivery"
    );
    // The suggestion is of the kind asked for: `iran` is an actor, not a close event.
    assert_eq!(d.try_event("irn").unwrap_err().suggestion(), None);
    assert_eq!(d.try_get("irn").unwrap_err().suggestion().unwrap(), "iran");
    // Nothing close: no suggestion.
    assert_eq!(
        d.try_get("zzzzzzzz").unwrap_err().to_string(),
        "no record has the id `zzzzzzzz`"
    );
    // An id of another kind.
    let err = d.try_event("iran").unwrap_err();
    assert_eq!(
        err,
        LookupError::WrongKind {
            id: Id::new("iran").unwrap(),
            expected: RecordKind::Event,
            found: RecordKind::Actor,
        }
    );
    assert_eq!(err.to_string(), "`iran` is an actor, not an event");
    // Every kind has its checked lookup.
    assert!(d.try_source("article").is_ok());
    assert!(d.try_sanction("eu-drone-sanctions").is_ok());
    assert!(d.try_quote("abdollahian-confirms").is_ok());
    assert!(d.try_claim("delivered-in-august").is_ok());
    assert_eq!(
        d.try_get("drone-delivery").unwrap().kind(),
        RecordKind::Event
    );
    assert!(matches!(
        d.try_claim("article"),
        Err(LookupError::WrongKind {
            found: RecordKind::Source,
            ..
        })
    ));
}

#[test]
fn actors_by_name_or_alias_normalised() {
    let d = data();
    let names =
        |n: &str| -> Vec<String> { d.actors_named(n).iter().map(|a| a.id.to_string()).collect() };
    assert_eq!(names("European Union"), ["european-union"]);
    assert_eq!(names("eu"), ["european-union"], "aliases, any case");
    assert_eq!(names("E.U."), ["european-union"], "full stops dropped");
    assert_eq!(names("  example\tMINISTER "), ["example-minister"]);
    assert_eq!(
        names("example-minister"),
        ["example-minister"],
        "hyphens as spaces"
    );
    assert!(names("Europe").is_empty(), "no partial names");
    assert!(names("").is_empty());
    // Two actors sharing a name are both returned, by id.
    let actors = list(&[
        r#"{"id": "b-state", "kind": "state", "name": "Georgia", "citations": [{"source": "s"}]}"#.into(),
        r#"{"id": "a-state", "kind": "state", "name": "Sakartvelo", "aliases": ["georgia"], "citations": [{"source": "s"}]}"#.into(),
    ]);
    let d = build(&[(DataFile::Actors, &actors)]);
    let ids: Vec<&str> = d
        .actors_named("Georgia")
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(ids, ["a-state", "b-state"]);
}

#[test]
fn quotes_about_a_record_and_responses_to_a_quote() {
    let quotes = list(&[
        quote("q-late", "a", Some("2022-11"), &["e", "x"], &[]),
        quote("q-early", "b", Some("2022-01"), &["e"], &[]),
        quote("q-undated", "b", None, &["e"], &["q-early"]),
        quote("q-reply", "c", Some("2022-12"), &[], &["q-early", "q-late"]),
        quote("q-other", "c", Some("2020"), &["x"], &[]),
    ]);
    let d = build(&[(DataFile::Quotes, &quotes)]);
    let ids = |qs: Vec<&drone_dossier::Quote>| -> Vec<String> {
        qs.iter().map(|q| q.id.to_string()).collect()
    };
    assert_eq!(ids(d.quotes_about("e")), ["q-early", "q-late", "q-undated"]);
    assert_eq!(ids(d.quotes_about("x")), ["q-other", "q-late"]);
    assert!(d.quotes_about("nothing").is_empty());
    assert_eq!(ids(d.responses_to("q-early")), ["q-reply", "q-undated"]);
    assert_eq!(ids(d.responses_to("q-late")), ["q-reply"]);
    assert!(d.responses_to("q-reply").is_empty());
}

#[test]
fn claims_by_an_actor_and_the_order_of_claims() {
    let claims = list(&[
        claim("c-undated", &["a"], None, None),
        claim("c-made-late", &["a", "b"], Some("2022-08"), Some("2022-11")),
        claim(
            "c-made-early",
            &["a"],
            Some("../2022-02-23"),
            Some("2022-03"),
        ),
        claim(
            "c-same-event-date",
            &["b"],
            Some("2022-08"),
            Some("2022-10"),
        ),
        claim("c-event-only", &["c"], Some("2021"), None),
    ]);
    let d = build(&[(DataFile::Claims, &claims)]);
    let ids = |cs: Vec<&drone_dossier::Claim>| -> Vec<String> {
        cs.iter().map(|c| c.id.to_string()).collect()
    };
    // By the date given to the event; then when made; undated last at each step.
    assert_eq!(
        ids(d.claims_about("e")),
        [
            "c-event-only",      // 2021
            "c-made-early",      // ../2022-02-23, ordered by its end
            "c-same-event-date", // 2022-08, made 2022-10
            "c-made-late",       // 2022-08, made 2022-11
            "c-undated",
        ]
    );
    // By an actor: by when made, then the event's date, then id.
    assert_eq!(
        ids(d.claims_by("a")),
        ["c-made-early", "c-made-late", "c-undated"]
    );
    assert_eq!(ids(d.claims_by("b")), ["c-same-event-date", "c-made-late"]);
    assert!(d.claims_by("nobody").is_empty());
}

#[test]
fn events_in_a_date_range_overlap_it() {
    let events = list(&[
        event("year-2022", Some("2022")),
        event("aug-2022", Some("2022-08")),
        event("aug-31", Some("2022-08-31")),
        event("sep-01", Some("2022-09-01")),
        event("nineties", Some("1990/1994")),
        event("until-2023", Some("../2023")),
        event("from-2022-09", Some("2022-09/..")),
        event("undated", None),
    ]);
    let d = build(&[(DataFile::Events, &events)]);
    let during = |range: &str| -> Vec<String> {
        d.events_during(&date(range))
            .iter()
            .map(|e| e.id.to_string())
            .collect()
    };
    // A month: events that may have happened in it, in chronological order.
    // (`../2023` sorts by its end.)
    assert_eq!(
        during("2022-08"),
        ["year-2022", "aug-2022", "aug-31", "until-2023"]
    );
    // A day at the edge: 1 September is not in August.
    // (An interval from a month sorts before a day of that month.)
    assert_eq!(
        during("2022-09-01"),
        ["year-2022", "from-2022-09", "sep-01", "until-2023"]
    );
    // An interval as the range, partly covering the nineties' interval.
    assert_eq!(during("1994-06/1995"), ["nineties", "until-2023"]);
    // Ranges with open ends.
    assert_eq!(during("2024/.."), ["from-2022-09"]);
    assert_eq!(during("../1989"), ["until-2023"]);
    // A range covering every day: every dated event, never the undated one.
    let everything = during("1000/2999");
    assert_eq!(everything.len(), 7);
    assert!(!everything.contains(&"undated".to_owned()));
}

#[test]
fn overlap_is_symmetric_and_reflexive() {
    let all = [
        "2022",
        "2022-08",
        "2022-08-31",
        "2022-09-01",
        "1990/1994",
        "../2023",
        "2022-09/..",
        "2022-02/2022-03-01",
        "2024-02-29",
    ];
    for a in all {
        assert!(date(a).overlaps(&date(a)), "{a}");
        for b in all {
            assert_eq!(
                date(a).overlaps(&date(b)),
                date(b).overlaps(&date(a)),
                "{a} / {b}"
            );
        }
    }
    assert!(!date("2022-03-02").overlaps(&date("2022-02/2022-03-01")));
    assert!(date("2022-03-01").overlaps(&date("2022-02/2022-03-01")));
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

/// Every record of `list`, looked up by id, gives the same note and acknowledged warnings
/// through `RecordRef` as through its own type; returns how many have each.
fn lifecycle_by_id<R: Record>(d: &Dataset, list: &[R]) -> (usize, usize) {
    let (mut noted, mut acknowledged) = (0, 0);
    for record in list {
        let by_id = d.get(record.id()).unwrap();
        assert_eq!(by_id.id(), record.id());
        assert_eq!(by_id.notes(), record.notes(), "{}", record.id());
        assert_eq!(
            by_id.acknowledged_warnings(),
            record.acknowledged_warnings(),
            "{}",
            record.id()
        );
        noted += usize::from(record.notes().is_some());
        acknowledged += usize::from(!record.acknowledged_warnings().is_empty());
    }
    (noted, acknowledged)
}

#[test]
fn a_record_by_id_gives_its_note_and_acknowledged_warnings() {
    // The bundled dataset: it has notes, and an acknowledged warning.
    let d = Dataset::from_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("dataset")).unwrap();
    let counts = [
        lifecycle_by_id(&d, &d.sources),
        lifecycle_by_id(&d, &d.actors),
        lifecycle_by_id(&d, &d.events),
        lifecycle_by_id(&d, &d.sanctions),
        lifecycle_by_id(&d, &d.quotes),
        lifecycle_by_id(&d, &d.claims),
    ];
    let noted: usize = counts.iter().map(|c| c.0).sum();
    let acknowledged: usize = counts.iter().map(|c| c.1).sum();
    assert!(noted > 10, "{noted} records with a note");
    assert!(
        acknowledged >= 1,
        "{acknowledged} with acknowledged warnings"
    );
}
