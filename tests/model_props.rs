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

fn qualifier() -> impl Strategy<Value = Option<Qualifier>> {
    of(prop_oneof![
        Just(Qualifier::Uncertain),
        Just(Qualifier::Approximate),
        Just(Qualifier::UncertainApproximate)
    ])
}

/// A partial date with qualifiers only after the components it has.
fn qualified() -> impl Strategy<Value = QualifiedDate> {
    (partial_date(), qualifier(), qualifier(), qualifier()).prop_map(|(date, y, m, d)| {
        let precision = date.precision();
        QualifiedDate {
            date,
            after_year: y,
            after_month: m.filter(|_| precision >= Precision::Month),
            after_day: d.filter(|_| precision == Precision::Day),
        }
    })
}

fn date() -> BoxedStrategy<Date> {
    prop_oneof![
        qualified().prop_map(Date::Point),
        (qualified(), qualified()).prop_map(|(a, b)| {
            let (start, end) = if b.date.latest() < a.date.earliest() {
                (b, a)
            } else {
                (a, b)
            };
            Date::Interval {
                start: Some(start),
                end: Some(end),
            }
        }),
        qualified().prop_map(|p| Date::Interval {
            start: Some(p),
            end: None
        }),
        qualified().prop_map(|p| Date::Interval {
            start: None,
            end: Some(p)
        }),
    ]
    .boxed()
}

fn citation() -> impl Strategy<Value = Citation> {
    (id(), of(text()), of(text()))
        .prop_map(|(source, locator, excerpt)| set!(Citation::new(source), locator, excerpt))
}

fn citations() -> impl Strategy<Value = Vec<Citation>> {
    vec(citation(), 1..3)
}

/// The curation fields every record kind has: notes, withdrawal, acknowledged warnings.
fn lifecycle() -> impl Strategy<Value = (Option<String>, Option<Date>, Vec<AcknowledgedWarning>)> {
    let ack = ("[a-z]{1,6}(-[a-z0-9]{1,6}){0,2}", text()).prop_map(|(code, reason)| {
        AcknowledgedWarning::new(WarningCode::new(code).unwrap(), reason)
    });
    (of(text()), of(date()), vec(ack, 0..3))
}

/// Sets the curation fields of a record.
macro_rules! with_lifecycle {
    ($strategy:expr) => {
        ($strategy, lifecycle())
            .prop_map(|(mut r, (notes, withdrawn, acknowledged_warnings))| {
                r.notes = notes;
                r.withdrawn = withdrawn;
                r.acknowledged_warnings = acknowledged_warnings;
                r
            })
            .boxed()
    };
}

fn source() -> impl Strategy<Value = Source> {
    with_lifecycle!(source_core())
}

fn source_core() -> BoxedStrategy<Source> {
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
        (of("[a-z0-9][a-z0-9._-]{0,20}"), of("[0-9a-f]{64}")),
    )
        .prop_map(
            |(
                (id, kind, title),
                (url, publisher, series, authors),
                (published, language, related, notes),
                (text_file, text_sha256),
            )| {
                let mut source = set!(
                    Source::new(id, kind, title),
                    url,
                    publisher,
                    series,
                    authors,
                    published,
                    language,
                    related,
                    notes
                );
                source.text_file = text_file.map(|f| TextFileName::new(f).unwrap());
                source.text_sha256 = text_sha256.map(|h| Sha256::new(h).unwrap());
                source
            },
        )
        .boxed()
}

fn actor() -> impl Strategy<Value = Actor> {
    with_lifecycle!(actor_core())
}

fn actor_core() -> BoxedStrategy<Actor> {
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
            Just(RelationKind::AffiliatedWith),
            Just(RelationKind::Leads)
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
        .boxed()
}

fn event() -> impl Strategy<Value = Event> {
    let materiel = (
        text(),
        of(prop_oneof![
            Just(MaterielKind::Drone),
            Just(MaterielKind::Missile),
            Just(MaterielKind::Other)
        ]),
    )
        .prop_map(|(name, kind)| set!(Materiel::new(name), kind));
    with_lifecycle!(
        (event_core(), vec(materiel, 0..3), vec(id(), 0..3)).prop_map(
            |(mut e, materiel, reported_by)| {
                e.materiel = materiel;
                e.reported_by = reported_by;
                e
            }
        )
    )
}

fn event_core() -> BoxedStrategy<Event> {
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
        .boxed()
}

fn sanction() -> impl Strategy<Value = Sanction> {
    with_lifecycle!(sanction_core())
}

fn sanction_core() -> BoxedStrategy<Sanction> {
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
        .boxed()
}

fn quote() -> impl Strategy<Value = Quote> {
    with_lifecycle!(
        (quote_core(), vec(id(), 0..3)).prop_map(|(mut q, reported_by)| {
            q.reported_by = reported_by;
            q
        })
    )
}

fn quote_core() -> BoxedStrategy<Quote> {
    (
        (
            id(),
            vec(id(), 1..4),
            prop_oneof![
                Just(QuoteKind::Direct),
                Just(QuoteKind::Paraphrase),
                Just(QuoteKind::Analysis)
            ],
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
                (id, speakers, kind, text, language),
                (original_language, original_text, medium, date),
                (about, responds_to, citations),
            )| {
                set!(
                    Quote::new(id, speakers, kind, text, language, citations),
                    original_language,
                    original_text,
                    medium,
                    date,
                    about,
                    responds_to
                )
            },
        )
        .boxed()
}

fn claim() -> impl Strategy<Value = Claim> {
    let kind = prop_oneof![
        Just(ClaimKind::Account),
        Just(ClaimKind::Interpretation),
        Just(ClaimKind::Accusation)
    ];
    with_lifecycle!((claim_core(), kind, of(text()), vec(id(), 0..3)).prop_map(
        |(mut c, kind, hedge, reported_by)| {
            c.kind = kind;
            c.hedge = hedge;
            c.reported_by = reported_by;
            c
        }
    ))
}

fn claim_core() -> BoxedStrategy<Claim> {
    (
        (
            id(),
            id(),
            text(),
            prop_oneof![
                Just(Stance::Affirms),
                Just(Stance::Denies),
                Just(Stance::Suggests)
            ],
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
        .boxed()
}

fn metadata() -> impl Strategy<Value = Metadata> {
    (text(), (0u32..20, 0u32..20, 0u32..20), text(), text()).prop_map(
        |(name, (a, b, c), license, description)| {
            Metadata::new(
                name,
                Version::new(format!("{a}.{b}.{c}")).unwrap(),
                Version::new("2.0.0").unwrap(),
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
