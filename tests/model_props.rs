//! Property tests: any value of the model serialises to JSON that the generated schema accepts,
//! and reads back to the same value. This catches drift between the types and the schema (a
//! field the schema forgets, a pattern stricter than the parser) that hand-written examples miss.

use drone_dossier::*;
use proptest::collection::vec;
use proptest::option::of;
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The model structs are `#[non_exhaustive]`: a value is built with `new` (its required
/// fields), then its optional fields are set. `set!(T::new(..), a, b)` does both.
macro_rules! set {
    ($new:expr $(, $field:ident)* $(,)?) => {{
        let mut value = $new;
        $(value.$field = $field;)*
        value
    }};
}

fn id() -> impl Strategy<Value = Id> {
    "[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,3}".prop_map(|s| Id::new(s).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    // Printable text including quotes, backslashes and non-ASCII, never empty.
    "[\\PC]{1,24}"
}

fn country() -> impl Strategy<Value = CountryCode> {
    "[A-Z]{2}".prop_map(|s| CountryCode::new(s).unwrap())
}

fn language() -> impl Strategy<Value = LanguageTag> {
    "[a-z]{2,3}(-[A-Za-z0-9]{1,8})?".prop_map(|s| LanguageTag::new(s).unwrap())
}

fn partial_date() -> impl Strategy<Value = PartialDate> {
    prop_oneof![
        (1000i32..2100).prop_map(PartialDate::Year),
        (1000i32..2100, 1u32..=12).prop_map(|(y, m)| PartialDate::Month(y, m)),
        (1000i32..2100, 1u32..=12, 1u32..=31).prop_map(|(y, m, d)| {
            // The latest day of the month up to `d` (clamps 31 to 30, 29 or 28).
            let day = (1..=d).rev().find_map(|d| Day::new(y, m, d)).unwrap();
            PartialDate::Day(day)
        }),
    ]
}

fn date() -> impl Strategy<Value = Date> {
    prop_oneof![
        partial_date().prop_map(Date::Point),
        (partial_date(), partial_date()).prop_map(|(a, b)| {
            let (start, end) = if b.latest() < a.earliest() {
                (b, a)
            } else {
                (a, b)
            };
            Date::Interval {
                start: Some(start),
                end: Some(end),
            }
        }),
        partial_date().prop_map(|p| Date::Interval {
            start: Some(p),
            end: None
        }),
        partial_date().prop_map(|p| Date::Interval {
            start: None,
            end: Some(p)
        }),
    ]
}

fn citation() -> impl Strategy<Value = Citation> {
    (id(), of(text()), of(text()))
        .prop_map(|(source, locator, excerpt)| set!(Citation::new(source), locator, excerpt))
}

fn citations() -> impl Strategy<Value = Vec<Citation>> {
    vec(citation(), 1..3)
}

fn source() -> impl Strategy<Value = Source> {
    (
        (
            id(),
            prop_oneof![
                Just(SourceKind::Article),
                Just(SourceKind::LegalAct),
                Just(SourceKind::Other)
            ],
            text(),
        ),
        (
            of("https://example\\.org/[a-z]{1,8}"),
            of(id()),
            of(text()),
            vec(id(), 0..3),
        ),
        (of(date()), of(language()), vec(id(), 0..3), of(text())),
    )
        .prop_map(
            |(
                (id, kind, title),
                (url, publisher, series, authors),
                (published, language, related, notes),
            )| {
                set!(
                    Source::new(id, kind, title),
                    url,
                    publisher,
                    series,
                    authors,
                    published,
                    language,
                    related,
                    notes
                )
            },
        )
}

fn actor() -> impl Strategy<Value = Actor> {
    let role = (
        text(),
        of(id()),
        of(date()),
        of(prop_oneof![
            Just(RoleStatus::Current),
            Just(RoleStatus::Former)
        ]),
        vec(citation(), 0..2),
    )
        .prop_map(|(title, organisation, period, status, citations)| {
            set!(Role::new(title), organisation, period, status, citations)
        });
    let relation = (
        prop_oneof![
            Just(RelationKind::PartOf),
            Just(RelationKind::MemberOf),
            Just(RelationKind::AffiliatedWith)
        ],
        id(),
        vec(citation(), 0..2),
    )
        .prop_map(|(kind, target, citations)| set!(Relation::new(kind, target), citations));
    (
        (
            id(),
            prop_oneof![
                Just(ActorKind::State),
                Just(ActorKind::Person),
                Just(ActorKind::Group),
                Just(ActorKind::IntergovernmentalOrganisation)
            ],
            text(),
        ),
        (vec(text(), 0..3), of(country()), of(date()), of(text())),
        (vec(role, 0..3), vec(relation, 0..3), citations()),
    )
        .prop_map(
            |(
                (id, kind, name),
                (aliases, country, lifespan, description),
                (roles, relations, citations),
            )| {
                set!(
                    Actor::new(id, kind, name, citations),
                    aliases,
                    country,
                    lifespan,
                    description,
                    roles,
                    relations
                )
            },
        )
}

fn event() -> impl Strategy<Value = Event> {
    let participant = (
        id(),
        prop_oneof![
            Just(ParticipantRole::Supplier),
            Just(ParticipantRole::Recipient),
            Just(ParticipantRole::Inspector)
        ],
    )
        .prop_map(|(actor, role)| Participant::new(actor, role));
    let link = (
        prop_oneof![
            Just(EventRelation::CausedBy),
            Just(EventRelation::EvidenceFor)
        ],
        id(),
    )
        .prop_map(|(relation, event)| EventLink::new(relation, event));
    let location =
        (text(), of(country())).prop_map(|(name, country)| set!(Location::new(name), country));
    (
        (
            id(),
            prop_oneof![
                Just(EventKind::ArmsTransfer),
                Just(EventKind::Inspection),
                Just(EventKind::Other)
            ],
            text(),
            of(text()),
        ),
        (
            of(date()),
            of(location),
            vec(participant, 0..4),
            vec(link, 0..3),
            citations(),
        ),
    )
        .prop_map(
            |((id, kind, title, summary), (date, location, participants, related, citations))| {
                set!(
                    Event::new(id, kind, title, citations),
                    summary,
                    date,
                    location,
                    participants,
                    related
                )
            },
        )
}

fn sanction() -> impl Strategy<Value = Sanction> {
    let measure = (
        prop_oneof![
            Just(MeasureKind::ExportRestriction),
            Just(MeasureKind::AssetFreeze)
        ],
        of(text()),
    )
        .prop_map(|(kind, description)| set!(Measure::new(kind), description));
    (
        (id(), text(), vec(id(), 1..3), vec(id(), 0..3), of(text())),
        (
            vec(measure, 0..3),
            vec(id(), 0..3),
            of(text()),
            of(id()),
            of(date()),
            citations(),
        ),
    )
        .prop_map(
            |(
                (id, title, imposed_by, targets, scope),
                (measures, reasons, programme, legal_basis, period, citations),
            )| {
                set!(
                    Sanction::new(id, title, imposed_by, citations),
                    targets,
                    scope,
                    measures,
                    reasons,
                    programme,
                    legal_basis,
                    period
                )
            },
        )
}

fn quote() -> impl Strategy<Value = Quote> {
    (
        (
            id(),
            id(),
            prop_oneof![Just(QuoteKind::Direct), Just(QuoteKind::Paraphrase)],
            text(),
            language(),
        ),
        (
            of(language()),
            of(text()),
            of(prop_oneof![
                Just(Medium::Newspaper),
                Just(Medium::LeakedAudio)
            ]),
            of(date()),
        ),
        (vec(id(), 0..3), vec(id(), 0..2), citations()),
    )
        .prop_map(
            |(
                (id, speaker, kind, text, language),
                (original_language, original_text, medium, date),
                (about, responds_to, citations),
            )| {
                set!(
                    Quote::new(id, speaker, kind, text, language, citations),
                    original_language,
                    original_text,
                    medium,
                    date,
                    about,
                    responds_to
                )
            },
        )
}

fn claim() -> impl Strategy<Value = Claim> {
    (
        (
            id(),
            id(),
            text(),
            prop_oneof![Just(Stance::Affirms), Just(Stance::Denies)],
            of(date()),
        ),
        (vec(id(), 0..3), of(text()), of(date()), vec(id(), 0..2)),
        (
            vec(id(), 0..3),
            vec(id(), 0..2),
            vec(id(), 0..2),
            citations(),
        ),
    )
        .prop_map(
            |(
                (id, about, statement, stance, event_date),
                (asserted_by, attribution, asserted_on, denied_by),
                (evidence, supersedes, contradicts, citations),
            )| {
                set!(
                    Claim::new(id, about, statement, stance, citations),
                    event_date,
                    asserted_by,
                    attribution,
                    asserted_on,
                    denied_by,
                    evidence,
                    supersedes,
                    contradicts
                )
            },
        )
}

fn metadata() -> impl Strategy<Value = Metadata> {
    (text(), (0u32..20, 0u32..20, 0u32..20), text(), text()).prop_map(
        |(name, (a, b, c), license, description)| {
            Metadata::new(
                name,
                Version::new(format!("{a}.{b}.{c}")).unwrap(),
                Version::new("1.0.0").unwrap(),
                license,
                description,
            )
        },
    )
}

/// Serialises `value`, checks it against the schema generated for `file`, and reads it back.
fn check<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(file: DataFile, value: &T) {
    let json = serde_json::to_value(value).unwrap();
    let schema = drone_dossier::schema::generate(file);
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "schema rejects a model value: {errors:?}\n{json:#}"
    );
    let back: T = serde_json::from_value(json).unwrap();
    assert_eq!(&back, value);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn metadata_round_trips(m in metadata()) { check(DataFile::Metadata, &m); }

    #[test]
    fn sources_round_trip(r in vec(source(), 0..3)) { check(DataFile::Sources, &SourcesFile::new(r)); }

    #[test]
    fn actors_round_trip(r in vec(actor(), 0..3)) { check(DataFile::Actors, &ActorsFile::new(r)); }

    #[test]
    fn events_round_trip(r in vec(event(), 0..3)) { check(DataFile::Events, &EventsFile::new(r)); }

    #[test]
    fn sanctions_round_trip(r in vec(sanction(), 0..3)) { check(DataFile::Sanctions, &SanctionsFile::new(r)); }

    #[test]
    fn quotes_round_trip(r in vec(quote(), 0..3)) { check(DataFile::Quotes, &QuotesFile::new(r)); }

    #[test]
    fn claims_round_trip(r in vec(claim(), 0..3)) { check(DataFile::Claims, &ClaimsFile::new(r)); }

    /// Every string the schema's date pattern accepts, the parser accepts too, unless the
    /// calendar or the interval order rules it out; and the parser prints it back unchanged.
    #[test]
    fn date_strings_round_trip(d in date()) {
        let text = d.to_string();
        prop_assert_eq!(text.parse::<Date>().unwrap(), d);
        let pattern = regex_lite_match(&text);
        prop_assert!(pattern, "{} does not match the schema pattern", text);
    }
}

/// Checks a string against the schema's date pattern using the same JSON Schema engine the
/// validator uses.
fn regex_lite_match(text: &str) -> bool {
    let schema = serde_json::json!({ "type": "string", "pattern": drone_dossier::DATE_PATTERN });
    jsonschema::is_valid(&schema, &serde_json::json!(text))
}
