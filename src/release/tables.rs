//! The analysis-ready tables of a release: one definition per column, from which the CSV and
//! JSONL files, `datapackage.json` and the README's column list are all generated, so the
//! files, their description and their documentation cannot disagree.
//!
//! The nested records of `dossier.json` are flattened here into tables an analyst can load
//! without string splitting:
//!
//! - one **main table** per collection (`events`, `quotes`, ...) with one row per record and
//!   only single-valued columns;
//! - a **link table** per list of references or sub-records (`event_participants`,
//!   `quote_about`, `sanction_imposers`, ...), one row per item, keyed by the parent id and
//!   the item's `position`, so a many-to-many question is a join;
//! - `records`, every id with its collection and a label, the target of references that may
//!   name a record of any kind (a quote's `about`, a claim's `about` and `evidence`);
//! - `citations`, every citation of every record, with the JSON pointer it sits at.
//!
//! Every id column has a name column beside it (`actor` and `actor_name`), and every date
//! column `X` comes with `X_precision`, `X_earliest` and `X_latest` (see `date_columns`):
//! the EDTF text stays the truth, the precision says how much of it is known, and the two
//! days bound it without inventing a day the sources do not give.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::dataset::Dataset;
use crate::model::{DataFile, Date};

/// A column's type, as Frictionless Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A calendar day, `YYYY-MM-DD`.
    Date,
}

impl FieldType {
    /// The Table Schema name of the type.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Integer => "integer",
            FieldType::Date => "date",
        }
    }
}

/// One value of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// No value: an empty CSV cell, `null` in JSONL.
    Null,
    /// Text.
    Text(String),
    /// A whole number.
    Int(u64),
    /// A day, written `YYYY-MM-DD`.
    Date(chrono::NaiveDate),
}

/// Where a column's allowed values come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Values {
    /// Any value of the column's type.
    Any,
    /// One of these (a vocabulary of the data model, or a fixed list).
    OneOf(Vec<String>),
}

/// One column of a table: its name, type, meaning and constraints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The header.
    pub name: &'static str,
    /// The type.
    pub ty: FieldType,
    /// What the column holds, for `datapackage.json` and the README.
    pub description: String,
    /// Whether every row has a value.
    pub required: bool,
    /// The table whose `id` this column holds, if it is a reference.
    pub references: Option<&'static str>,
    /// The allowed values.
    pub values: Values,
}

/// A table of the release: its columns and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The name: `csv/NAME.csv`, `jsonl/NAME.jsonl`, the Data Package resource name.
    pub name: &'static str,
    /// What one row is.
    pub description: &'static str,
    /// The columns that identify a row.
    pub primary_key: Vec<&'static str>,
    /// The columns, in order.
    pub fields: Vec<Field>,
    /// The rows, each with one cell per field.
    pub rows: Vec<Vec<Cell>>,
}

/// How a column's cell is taken from a row's JSON value.
type Extract = Box<dyn Fn(&Value, &Labels) -> Cell>;

/// A column under construction: its [`Field`] and how to fill it.
struct Col {
    field: Field,
    /// The JSON pointer (within a record, or within a link table's item as `/item/...`) the
    /// column is made from, so a test can check that every field of the data has a column.
    #[cfg_attr(not(test), allow(dead_code))]
    from: &'static str,
    extract: Extract,
}

/// Every record's collection and label, by id, for the name columns beside id columns.
pub(crate) struct Labels(BTreeMap<String, (&'static str, String)>);

impl Labels {
    fn of(data: &Dataset) -> Labels {
        let mut map = BTreeMap::new();
        for (file, records) in collections(data) {
            for r in records {
                if let Some(id) = r.get("id").and_then(Value::as_str) {
                    map.insert(id.to_owned(), (file.name(), label(file, &r)));
                }
            }
        }
        Labels(map)
    }

    fn label(&self, id: &str) -> Cell {
        self.0
            .get(id)
            .map_or(Cell::Null, |(_, l)| Cell::Text(l.clone()))
    }

    fn collection(&self, id: &str) -> Cell {
        self.0
            .get(id)
            .map_or(Cell::Null, |(c, _)| Cell::Text((*c).to_owned()))
    }
}

/// The human-readable label of a record: a name, a title, a statement or a text.
fn label(file: DataFile, record: &Value) -> String {
    let key = match file {
        DataFile::Actors => "name",
        DataFile::Claims => "statement",
        DataFile::Quotes => "text",
        _ => "title",
    };
    record
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Each collection's records as JSON values, in file order.
pub(crate) fn collections(data: &Dataset) -> Vec<(DataFile, Vec<Value>)> {
    fn values<T: serde::Serialize>(rs: &[T]) -> Vec<Value> {
        rs.iter()
            .map(|r| serde_json::to_value(r).expect("model values always serialise"))
            .collect()
    }
    vec![
        (DataFile::Sources, values(&data.sources)),
        (DataFile::Actors, values(&data.actors)),
        (DataFile::Events, values(&data.events)),
        (DataFile::Sanctions, values(&data.sanctions)),
        (DataFile::Quotes, values(&data.quotes)),
        (DataFile::Claims, values(&data.claims)),
    ]
}

/// The allowed values of a vocabulary, read from the generated JSON Schema of `file` (the
/// `enum` of `$defs/NAME`), so a value added to the model reaches the Data Package too.
fn vocabulary(file: DataFile, name: &str) -> Values {
    let schema = crate::schema::generate(file);
    let values = schema
        .pointer(&format!("/$defs/{name}/enum"))
        .and_then(Value::as_array)
        .map(|v| {
            v.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_else(|| panic!("the schema of {} has no vocabulary {name}", file.name()));
    Values::OneOf(values)
}

fn field(name: &'static str, ty: FieldType, description: impl Into<String>) -> Field {
    Field {
        name,
        ty,
        description: description.into(),
        required: false,
        references: None,
        values: Values::Any,
    }
}

fn text_at(row: &Value, pointer: &str) -> Cell {
    match row.pointer(pointer) {
        None | Some(Value::Null) => Cell::Null,
        Some(Value::String(s)) => Cell::Text(s.clone()),
        Some(Value::Number(n)) => n.as_u64().map_or(Cell::Text(n.to_string()), Cell::Int),
        Some(other) => Cell::Text(other.to_string()),
    }
}

/// A text column taken from `pointer`.
fn text(name: &'static str, pointer: &'static str, description: &str) -> Col {
    Col {
        field: field(name, FieldType::String, description),
        from: pointer,
        extract: Box::new(move |row, _| text_at(row, pointer)),
    }
}

/// A column that every row has.
fn required(mut col: Col) -> Col {
    col.field.required = true;
    col
}

/// A text column restricted to a vocabulary of the data model.
fn vocab(name: &'static str, pointer: &'static str, description: &str, values: Values) -> Col {
    let mut col = text(name, pointer, description);
    col.field.values = values;
    col
}

/// An id column referring to `table`, and the referenced record's label beside it
/// (`NAME_LABEL`).
fn reference(
    name: &'static str,
    label_name: &'static str,
    pointer: &'static str,
    table: &'static str,
    description: &str,
) -> [Col; 2] {
    let mut id = text(name, pointer, description);
    id.field.references = Some(table);
    let what = if table == "records" {
        "label (name, title, statement or text)"
    } else {
        label_kind(table)
    };
    let label = Col {
        field: field(
            label_name,
            FieldType::String,
            format!("The {what} of the record in `{name}`."),
        ),
        from: pointer,
        extract: Box::new(move |row, labels| match text_at(row, pointer) {
            Cell::Text(id) => labels.label(&id),
            _ => Cell::Null,
        }),
    };
    [id, label]
}

fn label_kind(table: &str) -> &'static str {
    match table {
        "actors" => "name",
        "claims" => "statement",
        "quotes" => "text",
        _ => "title",
    }
}

/// The collection of the record a polymorphic reference at `pointer` names.
fn collection_of(name: &'static str, pointer: &'static str, of: &str) -> Col {
    let mut f = field(
        name,
        FieldType::String,
        format!("The collection of the record in `{of}`."),
    );
    f.values = collection_names();
    Col {
        field: f,
        from: pointer,
        extract: Box::new(move |row, labels| match text_at(row, pointer) {
            Cell::Text(id) => labels.collection(&id),
            _ => Cell::Null,
        }),
    }
}

fn collection_names() -> Values {
    Values::OneOf(
        DataFile::ALL
            .into_iter()
            .skip(1)
            .map(|f| f.name().to_owned())
            .collect(),
    )
}

/// The precisions a date column can have, in `X_precision`.
pub const PRECISIONS: [&str; 4] = ["year", "month", "day", "interval"];

/// The four columns of a date at `pointer`: `X` (the EDTF text as in the data), `X_precision`
/// (`year`, `month` or `day` for a single date, `interval` for a range), `X_earliest` and
/// `X_latest` (the first and last day it can mean; empty at an open end).
fn date_columns(names: [&'static str; 4], pointer: &'static str, description: &str) -> [Col; 4] {
    let parse = move |row: &Value| {
        row.pointer(pointer)
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Date>().ok())
    };
    let [name, precision, earliest, latest] = names;
    let mut p = field(
        precision,
        FieldType::String,
        format!(
            "How precise `{name}` is: `year`, `month` or `day` for a single date, `interval` for a range (see `{earliest}` and `{latest}`)."
        ),
    );
    p.values = Values::OneOf(PRECISIONS.iter().map(|s| (*s).to_owned()).collect());
    [
        Col {
            field: field(
                name,
                FieldType::String,
                format!(
                    "{description} As in the data: an EDTF date at the precision the sources support (`2022`, `2022-08`, `2022-08-15`, `1990/1994`, `../2023`). Not a calendar day: use `{earliest}` and `{latest}` to sort and filter."
                ),
            ),
            from: pointer,
            extract: Box::new(move |row, _| text_at(row, pointer)),
        },
        Col {
            field: p,
            from: pointer,
            extract: Box::new(move |row, _| match parse(row) {
                None => Cell::Null,
                Some(d) if d.is_interval() => Cell::Text("interval".into()),
                Some(d) => Cell::Text(
                    match d.start().map(|p| p.precision()) {
                        Some(crate::model::Precision::Year) => "year",
                        Some(crate::model::Precision::Month) => "month",
                        _ => "day",
                    }
                    .into(),
                ),
            }),
        },
        Col {
            field: field(
                earliest,
                FieldType::Date,
                format!(
                    "The first day `{name}` can mean (`2022-08` gives 2022-08-01); empty when it has no start."
                ),
            ),
            from: pointer,
            extract: Box::new(move |row, _| {
                parse(row)
                    .and_then(|d| d.earliest())
                    .and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year(), d.month(), d.day()))
                    .map_or(Cell::Null, Cell::Date)
            }),
        },
        Col {
            field: field(
                latest,
                FieldType::Date,
                format!(
                    "The last day `{name}` can mean (`2022-08` gives 2022-08-31); empty when it has no end."
                ),
            ),
            from: pointer,
            extract: Box::new(move |row, _| {
                parse(row)
                    .and_then(|d| d.latest())
                    .and_then(|d| chrono::NaiveDate::from_ymd_opt(d.year(), d.month(), d.day()))
                    .map_or(Cell::Null, Cell::Date)
            }),
        },
    ]
}

/// The `id` column of a main table.
fn id(what: &str) -> Col {
    required(text(
        "id",
        "/id",
        &format!("The {what}'s id: a lowercase slug, unique across all collections and stable."),
    ))
}

/// The first two columns of a link table: the parent record's id and the item's position.
fn parent(name: &'static str, table: &'static str, what: &str) -> [Col; 2] {
    let mut p = required(text(name, "/parent", &format!("The id of the {what}.")));
    p.field.references = Some(table);
    let position = Col {
        field: Field {
            required: true,
            ..field(
                "position",
                FieldType::Integer,
                "The item's place in the record's list, from 1, in the order of the data.",
            )
        },
        from: "/position",
        extract: Box::new(|row, _| text_at(row, "/position")),
    };
    [p, position]
}

/// A table definition before its rows are extracted.
struct Spec {
    name: &'static str,
    description: &'static str,
    /// The collection the rows come from.
    from: DataFile,
    /// For a link table, the pointer of the list (or single value) within each record whose
    /// items become rows; `None` for a main table (one row per record).
    items: Option<&'static str>,
    cols: Vec<Col>,
}

fn link(
    name: &'static str,
    description: &'static str,
    from: DataFile,
    items: &'static str,
    parent_col: [Col; 2],
    rest: Vec<Col>,
) -> Spec {
    let mut cols: Vec<Col> = parent_col.into_iter().collect();
    cols.extend(rest);
    Spec {
        name,
        description,
        from,
        items: Some(items),
        cols,
    }
}

fn main_table(
    name: &'static str,
    description: &'static str,
    from: DataFile,
    mut cols: Vec<Col>,
) -> Spec {
    // Fields every kind of record has (model 2): one definition, so no table can miss them.
    if !cols.iter().any(|c| c.from == "/notes") {
        cols.push(text(
            "notes",
            "/notes",
            "Curators' notes (for example a year inferred from context, or why a record was withdrawn).",
        ));
    }
    cols.extend(date_columns(
        [
            "withdrawn",
            "withdrawn_precision",
            "withdrawn_earliest",
            "withdrawn_latest",
        ],
        "/withdrawn",
        "When the record was withdrawn (the reason is in `notes`); empty while it stands.",
    ));
    Spec {
        name,
        description,
        from,
        items: None,
        cols,
    }
}

/// Flattens `[a, b]` of column groups into one list.
macro_rules! cols {
    ($($group:expr),* $(,)?) => {{
        let mut v: Vec<Col> = Vec::new();
        $( v.extend($group); )*
        v
    }};
}

fn one(c: Col) -> [Col; 1] {
    [c]
}

fn specs() -> Vec<Spec> {
    use DataFile::{Actors, Claims, Events, Quotes, Sanctions, Sources};
    let actor_ref = |name, label, pointer, description: &str| {
        reference(name, label, pointer, "actors", description)
    };
    let mut all = vec![
        main_table(
            "sources",
            "One row per source: a document that records cite.",
            Sources,
            cols![
                one(id("source")),
                one(required(vocab(
                    "kind",
                    "/kind",
                    "What kind of document it is.",
                    vocabulary(Sources, "SourceKind")
                ))),
                one(required(text("title", "/title", "The document's title."))),
                one(text("url", "/url", "Where the document is published.")),
                actor_ref(
                    "publisher",
                    "publisher_name",
                    "/publisher",
                    "The actor that published it."
                ),
                one(text(
                    "series",
                    "/series",
                    "The series or column it belongs to."
                )),
                date_columns(
                    [
                        "published",
                        "published_precision",
                        "published_earliest",
                        "published_latest"
                    ],
                    "/published",
                    "When it was published."
                ),
                one(text(
                    "language",
                    "/language",
                    "Its language, as a BCP 47 tag."
                )),
                one(text("notes", "/notes", "Curators' notes on the source.")),
            ],
        ),
        link(
            "source_authors",
            "One row per author of a source.",
            Sources,
            "/authors",
            parent("source", "sources", "source"),
            cols![actor_ref(
                "author",
                "author_name",
                "/item",
                "The author (an actor id)."
            )],
        ),
        link(
            "source_related",
            "One row per related source of a source.",
            Sources,
            "/related",
            parent("source", "sources", "source"),
            cols![reference(
                "related",
                "related_title",
                "/item",
                "sources",
                "The related source's id."
            )],
        ),
        main_table(
            "actors",
            "One row per actor: a state, person or organisation the sources name.",
            Actors,
            cols![
                one(id("actor")),
                one(required(vocab(
                    "kind",
                    "/kind",
                    "What kind of actor it is.",
                    vocabulary(Actors, "ActorKind")
                ))),
                one(required(text(
                    "name",
                    "/name",
                    "The actor's name as the sources most often give it."
                ))),
                one(text(
                    "country",
                    "/country",
                    "The actor's country, as an ISO 3166-1 alpha-2 code."
                )),
                date_columns(
                    [
                        "lifespan",
                        "lifespan_precision",
                        "lifespan_earliest",
                        "lifespan_latest"
                    ],
                    "/lifespan",
                    "When the actor existed or lived."
                ),
                one(text(
                    "description",
                    "/description",
                    "Who or what the actor is."
                )),
            ],
        ),
        link(
            "actor_aliases",
            "One row per other name of an actor.",
            Actors,
            "/aliases",
            parent("actor", "actors", "actor"),
            cols![one(required(text(
                "alias",
                "/item",
                "Another name the sources use."
            )))],
        ),
        link(
            "actor_roles",
            "One row per role (office, position) an actor held.",
            Actors,
            "/roles",
            parent("actor", "actors", "actor"),
            cols![
                one(required(text("title", "/item/title", "The role's title."))),
                actor_ref(
                    "organisation",
                    "organisation_name",
                    "/item/organisation",
                    "The organisation the role is in."
                ),
                date_columns(
                    [
                        "period",
                        "period_precision",
                        "period_earliest",
                        "period_latest"
                    ],
                    "/item/period",
                    "When the role was held."
                ),
                one(vocab(
                    "status",
                    "/item/status",
                    "Whether the role is current or former, as the sources say.",
                    vocabulary(Actors, "RoleStatus")
                )),
            ],
        ),
        link(
            "actor_relations",
            "One row per relation of an actor to another.",
            Actors,
            "/relations",
            parent("actor", "actors", "actor"),
            cols![
                one(required(vocab(
                    "kind",
                    "/item/kind",
                    "How the actor relates to the target.",
                    vocabulary(Actors, "RelationKind")
                ))),
                actor_ref(
                    "target",
                    "target_name",
                    "/item/target",
                    "The actor related to."
                ),
            ],
        ),
        main_table(
            "events",
            "One row per event: what happened, when and where.",
            Events,
            cols![
                one(id("event")),
                one(required(vocab(
                    "kind",
                    "/kind",
                    "What kind of event it is.",
                    vocabulary(Events, "EventKind")
                ))),
                one(required(text("title", "/title", "A short title."))),
                one(text(
                    "summary",
                    "/summary",
                    "What happened, in a sentence or two."
                )),
                date_columns(
                    ["date", "date_precision", "date_earliest", "date_latest"],
                    "/date",
                    "When it happened."
                ),
                one(text(
                    "location_name",
                    "/location/name",
                    "Where it happened."
                )),
                one(text(
                    "location_country",
                    "/location/country",
                    "The country where it happened (ISO 3166-1 alpha-2)."
                )),
            ],
        ),
        link(
            "event_participants",
            "One row per participant of an event, with the role it played.",
            Events,
            "/participants",
            parent("event", "events", "event"),
            cols![
                actor_ref(
                    "actor",
                    "actor_name",
                    "/item/actor",
                    "The participating actor."
                ),
                one(required(vocab(
                    "role",
                    "/item/role",
                    "The role the actor played in the event.",
                    vocabulary(Events, "ParticipantRole")
                ))),
            ],
        ),
        link(
            "event_links",
            "One row per link from an event to another event.",
            Events,
            "/related",
            parent("event", "events", "event"),
            cols![
                one(required(vocab(
                    "relation",
                    "/item/relation",
                    "How the event relates to the target.",
                    vocabulary(Events, "EventRelation")
                ))),
                reference(
                    "target",
                    "target_title",
                    "/item/event",
                    "events",
                    "The related event."
                ),
            ],
        ),
        main_table(
            "sanctions",
            "One row per sanction or restriction.",
            Sanctions,
            cols![
                one(id("sanction")),
                one(required(text("title", "/title", "A short title."))),
                one(text(
                    "scope",
                    "/scope",
                    "What the sanction covers, in the source's words."
                )),
                one(text(
                    "programme",
                    "/programme",
                    "The sanctions programme it belongs to."
                )),
                reference(
                    "legal_basis",
                    "legal_basis_title",
                    "/legal_basis",
                    "events",
                    "The event (a resolution, an act) it rests on."
                ),
                date_columns(
                    [
                        "period",
                        "period_precision",
                        "period_earliest",
                        "period_latest"
                    ],
                    "/period",
                    "When it applies."
                ),
            ],
        ),
        link(
            "sanction_imposers",
            "One row per actor imposing a sanction.",
            Sanctions,
            "/imposed_by",
            parent("sanction", "sanctions", "sanction"),
            cols![actor_ref(
                "actor",
                "actor_name",
                "/item",
                "The imposing actor."
            )],
        ),
        link(
            "sanction_targets",
            "One row per target of a sanction.",
            Sanctions,
            "/targets",
            parent("sanction", "sanctions", "sanction"),
            cols![actor_ref(
                "actor",
                "actor_name",
                "/item",
                "The targeted actor."
            )],
        ),
        link(
            "sanction_measures",
            "One row per measure a sanction imposes.",
            Sanctions,
            "/measures",
            parent("sanction", "sanctions", "sanction"),
            cols![
                one(required(vocab(
                    "kind",
                    "/item/kind",
                    "What kind of measure it is.",
                    vocabulary(Sanctions, "MeasureKind")
                ))),
                one(text(
                    "description",
                    "/item/description",
                    "The measure in the source's words."
                )),
            ],
        ),
        link(
            "sanction_reasons",
            "One row per event a sanction responds to.",
            Sanctions,
            "/reasons",
            parent("sanction", "sanctions", "sanction"),
            cols![reference(
                "event",
                "event_title",
                "/item",
                "events",
                "The event given as a reason."
            )],
        ),
        main_table(
            "quotes",
            "One row per quote: words an actor said or wrote, or the source's paraphrase of them. Speakers are in quote_speakers.",
            Quotes,
            cols![
                one(id("quote")),
                one(required(vocab(
                    "kind",
                    "/kind",
                    "Whether `text` is the speaker's words or the source's paraphrase.",
                    vocabulary(Quotes, "QuoteKind")
                ))),
                one(required(text(
                    "text",
                    "/text",
                    "The words as the source renders them."
                ))),
                one(required(text(
                    "language",
                    "/language",
                    "The language of `text` (BCP 47)."
                ))),
                one(text(
                    "original_language",
                    "/original_language",
                    "The language the words were first said in (BCP 47)."
                )),
                one(text(
                    "original_text",
                    "/original_text",
                    "The words in their original language."
                )),
                one(vocab(
                    "medium",
                    "/medium",
                    "How the words were delivered.",
                    vocabulary(Quotes, "Medium")
                )),
                date_columns(
                    ["date", "date_precision", "date_earliest", "date_latest"],
                    "/date",
                    "When the words were said or written."
                ),
            ],
        ),
        link(
            "quote_speakers",
            "One row per speaker of a quote.",
            Quotes,
            "/speakers",
            parent("quote", "quotes", "quote"),
            cols![actor_ref(
                "speaker",
                "speaker_name",
                "/item",
                "Who said or wrote the words."
            )],
        ),
        link(
            "quote_about",
            "One row per record a quote is about.",
            Quotes,
            "/about",
            parent("quote", "quotes", "quote"),
            cols![
                reference(
                    "record",
                    "record_label",
                    "/item",
                    "records",
                    "The record the words are about (any collection)."
                ),
                one(collection_of("record_collection", "/item", "record")),
            ],
        ),
        link(
            "quote_responses",
            "One row per earlier quote a quote answers.",
            Quotes,
            "/responds_to",
            parent("quote", "quotes", "quote"),
            cols![reference(
                "responds_to",
                "responds_to_text",
                "/item",
                "quotes",
                "The quote answered."
            )],
        ),
        main_table(
            "claims",
            "One row per claim: one account of an event, as its asserters give it. Competing claims about one record share `about`.",
            Claims,
            cols![
                one(id("claim")),
                reference(
                    "about",
                    "about_label",
                    "/about",
                    "records",
                    "The record the claim is about, usually an event."
                ),
                one(collection_of("about_collection", "/about", "about")),
                one(required(text(
                    "statement",
                    "/statement",
                    "What is asserted."
                ))),
                one(required(vocab(
                    "stance",
                    "/stance",
                    "Whether the claim affirms, denies or (hedged) suggests the event as described.",
                    vocabulary(Claims, "Stance")
                ))),
                one(vocab(
                    "kind",
                    "/kind",
                    "What kind of claim it is; empty means `account` (a factual account of an event).",
                    vocabulary(Claims, "ClaimKind")
                )),
                one(text(
                    "hedge",
                    "/hedge",
                    "The source's hedging words, verbatim, for a claim that only suggests."
                )),
                date_columns(
                    [
                        "event_date",
                        "event_date_precision",
                        "event_date_earliest",
                        "event_date_latest"
                    ],
                    "/event_date",
                    "The date this account gives the event."
                ),
                one(text(
                    "attribution",
                    "/attribution",
                    "Who asserts it, in the source's words, when the source names no actor."
                )),
                date_columns(
                    [
                        "asserted_on",
                        "asserted_on_precision",
                        "asserted_on_earliest",
                        "asserted_on_latest"
                    ],
                    "/asserted_on",
                    "When the claim was made."
                ),
            ],
        ),
        link(
            "claim_asserters",
            "One row per actor asserting a claim.",
            Claims,
            "/asserted_by",
            parent("claim", "claims", "claim"),
            cols![actor_ref(
                "actor",
                "actor_name",
                "/item",
                "The asserting actor."
            )],
        ),
        link(
            "claim_deniers",
            "One row per actor denying a claim.",
            Claims,
            "/denied_by",
            parent("claim", "claims", "claim"),
            cols![actor_ref(
                "actor",
                "actor_name",
                "/item",
                "The denying actor."
            )],
        ),
        link(
            "claim_evidence",
            "One row per record offered in support of a claim.",
            Claims,
            "/evidence",
            parent("claim", "claims", "claim"),
            cols![
                reference(
                    "record",
                    "record_label",
                    "/item",
                    "records",
                    "The supporting record (an event or a quote)."
                ),
                one(collection_of("record_collection", "/item", "record")),
            ],
        ),
        link(
            "claim_supersedes",
            "One row per earlier claim a claim replaces.",
            Claims,
            "/supersedes",
            parent("claim", "claims", "claim"),
            cols![reference(
                "superseded",
                "superseded_statement",
                "/item",
                "claims",
                "The claim replaced."
            )],
        ),
        link(
            "claim_contradicts",
            "One row per claim that cannot be true together with a claim.",
            Claims,
            "/contradicts",
            parent("claim", "claims", "claim"),
            cols![reference(
                "contradicted",
                "contradicted_statement",
                "/item",
                "claims",
                "The contradicting claim."
            )],
        ),
    ];
    all.extend(shared_links());
    all
}

/// Link tables for the model-2 fields several kinds of record share: who reports a record,
/// the warnings a record acknowledges, and the materiel of events.
fn shared_links() -> Vec<Spec> {
    use DataFile::{Actors, Claims, Events, Quotes, Sanctions, Sources};
    let reported_by = |name, from, parent_col: [Col; 2]| {
        link(
            name,
            "One row per actor who reports (relays) a record, separately from who asserts or says it.",
            from,
            "/reported_by",
            parent_col,
            cols![reference(
                "reporter",
                "reporter_name",
                "/item",
                "actors",
                "An actor through whom the record is known."
            )],
        )
    };
    let acknowledged = |name, from, parent_col: [Col; 2]| {
        link(
            name,
            "One row per validator warning a record acknowledges, with the curators' reason.",
            from,
            "/acknowledged_warnings",
            parent_col,
            cols![
                one(text(
                    "code",
                    "/item/code",
                    "The warning's rule code (docs/rules.md)."
                )),
                one(text(
                    "reason",
                    "/item/reason",
                    "Why the warning is accepted."
                )),
            ],
        )
    };
    vec![
        reported_by(
            "event_reporters",
            Events,
            parent("event", "events", "event"),
        ),
        reported_by(
            "claim_reporters",
            Claims,
            parent("claim", "claims", "claim"),
        ),
        reported_by(
            "quote_reporters",
            Quotes,
            parent("quote", "quotes", "quote"),
        ),
        link(
            "event_materiel",
            "One row per item of materiel an event involves, as the source names it.",
            Events,
            "/materiel",
            parent("event", "events", "event"),
            cols![
                one(text(
                    "name",
                    "/item/name",
                    "The item as the source names it."
                )),
                one(vocab(
                    "kind",
                    "/item/kind",
                    "What kind of item it is.",
                    vocabulary(Events, "MaterielKind")
                )),
            ],
        ),
        acknowledged(
            "source_acknowledged_warnings",
            Sources,
            parent("source", "sources", "source"),
        ),
        acknowledged(
            "actor_acknowledged_warnings",
            Actors,
            parent("actor", "actors", "actor"),
        ),
        acknowledged(
            "event_acknowledged_warnings",
            Events,
            parent("event", "events", "event"),
        ),
        acknowledged(
            "sanction_acknowledged_warnings",
            Sanctions,
            parent("sanction", "sanctions", "sanction"),
        ),
        acknowledged(
            "quote_acknowledged_warnings",
            Quotes,
            parent("quote", "quotes", "quote"),
        ),
        acknowledged(
            "claim_acknowledged_warnings",
            Claims,
            parent("claim", "claims", "claim"),
        ),
    ]
}

/// Every table of the release, in the order they are listed.
pub fn tables(data: &Dataset) -> Vec<Table> {
    let labels = Labels::of(data);
    let by_file: BTreeMap<DataFile, Vec<Value>> = collections(data).into_iter().collect();
    let mut out = vec![records_table(&labels)];
    for spec in specs() {
        let records = &by_file[&spec.from];
        let mut rows = Vec::new();
        for record in records {
            match spec.items {
                None => rows.push(
                    spec.cols
                        .iter()
                        .map(|c| (c.extract)(record, &labels))
                        .collect(),
                ),
                Some(pointer) => {
                    let items: Vec<&Value> = match record.pointer(pointer) {
                        None | Some(Value::Null) => Vec::new(),
                        Some(Value::Array(items)) => items.iter().collect(),
                        // A single value (a quote's `speaker`) is a list of one.
                        Some(single) => vec![single],
                    };
                    for (i, item) in items.into_iter().enumerate() {
                        let row = serde_json::json!({
                            "parent": record.get("id").cloned().unwrap_or(Value::Null),
                            "position": i + 1,
                            "item": item,
                        });
                        rows.push(
                            spec.cols
                                .iter()
                                .map(|c| (c.extract)(&row, &labels))
                                .collect(),
                        );
                    }
                }
            }
        }
        let fields: Vec<Field> = spec.cols.into_iter().map(|c| c.field).collect();
        // A link table's rows are identified by the parent column and the position.
        let primary_key = match spec.items {
            Some(_) => vec![fields[0].name, "position"],
            None => vec!["id"],
        };
        out.push(Table {
            name: spec.name,
            description: spec.description,
            primary_key,
            fields,
            rows,
        });
    }
    out.push(citations_table(&by_file, &labels));
    out
}

fn records_table(labels: &Labels) -> Table {
    let mut collection = field(
        "collection",
        FieldType::String,
        "The collection the record is in (the main table of the same name).",
    );
    collection.required = true;
    collection.values = collection_names();
    let mut id = field(
        "id",
        FieldType::String,
        "The record's id, unique across all collections.",
    );
    id.required = true;
    Table {
        name: "records",
        description: "One row per record of any collection: the target of references that may name any kind of record (a quote's or a claim's `about`, a claim's `evidence`).",
        primary_key: vec!["id"],
        fields: vec![
            id,
            collection,
            field(
                "label",
                FieldType::String,
                "The record's name (actors), statement (claims), text (quotes) or title (others).",
            ),
        ],
        rows: labels
            .0
            .iter()
            .map(|(id, (c, l))| {
                vec![
                    Cell::Text(id.clone()),
                    Cell::Text((*c).to_owned()),
                    Cell::Text(l.clone()),
                ]
            })
            .collect(),
    }
}

/// Every citation of every record, wherever it sits (a record's own `citations`, a role's, a
/// relation's), with its JSON pointer.
fn citations_table(by_file: &BTreeMap<DataFile, Vec<Value>>, labels: &Labels) -> Table {
    fn walk(value: &Value, pointer: &str, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let here = format!("{pointer}/{k}");
                    if k == "citations"
                        && let Value::Array(items) = v
                    {
                        for (i, c) in items.iter().enumerate() {
                            out.push((format!("{here}/{i}"), c.clone()));
                        }
                    } else {
                        walk(v, &here, out);
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, &format!("{pointer}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let mut record = field("record", FieldType::String, "The id of the citing record.");
    record.required = true;
    record.references = Some("records");
    let mut pointer = field(
        "pointer",
        FieldType::String,
        "Where the citation sits in the record, as a JSON pointer (`/citations/0`, `/roles/1/citations/0`).",
    );
    pointer.required = true;
    let mut source = field("source", FieldType::String, "The cited source's id.");
    source.required = true;
    source.references = Some("sources");
    let mut rows = Vec::new();
    for records in by_file.values() {
        for r in records {
            let id = r.get("id").and_then(Value::as_str).unwrap_or_default();
            let mut found = Vec::new();
            walk(r, "", &mut found);
            for (p, c) in found {
                let source_id = text_at(&c, "/source");
                let title = match &source_id {
                    Cell::Text(s) => labels.label(s),
                    _ => Cell::Null,
                };
                rows.push(vec![
                    Cell::Text(id.to_owned()),
                    Cell::Text(p),
                    source_id,
                    title,
                    text_at(&c, "/locator"),
                    text_at(&c, "/excerpt"),
                ]);
            }
        }
    }
    Table {
        name: "citations",
        description: "One row per citation of any record: which source supports it, where in the source, and the supporting words.",
        primary_key: vec!["record", "pointer"],
        fields: vec![
            record,
            pointer,
            source,
            field(
                "source_title",
                FieldType::String,
                "The cited source's title.",
            ),
            field(
                "locator",
                FieldType::String,
                "Where in the source: a page, paragraph or line.",
            ),
            field(
                "excerpt",
                FieldType::String,
                "The supporting words, verbatim from the source.",
            ),
        ],
        rows,
    }
}

/// A table as JSON Lines: one object per row, keys in column order, `null` for no value,
/// numbers as numbers and days as `YYYY-MM-DD` strings. Unlike the CSV, no cell is altered.
pub fn jsonl(table: &Table) -> String {
    let mut out = String::new();
    for row in &table.rows {
        out.push('{');
        for (i, (f, c)) in table.fields.iter().zip(row).enumerate() {
            if i > 0 {
                out.push(',');
            }
            let v = match c {
                Cell::Null => Value::Null,
                Cell::Text(s) => Value::String(s.clone()),
                Cell::Int(n) => Value::from(*n),
                Cell::Date(d) => Value::String(d.format("%Y-%m-%d").to_string()),
            };
            // Keys in column order (a serde_json map would sort them).
            out.push_str(&Value::String(f.name.to_owned()).to_string());
            out.push(':');
            out.push_str(&v.to_string());
        }
        out.push_str("}\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Dataset {
        Dataset::from_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/release/dataset"
        ))
        .unwrap()
    }

    /// Every field of every record reaches some table: a field added to the model without a
    /// column (or a link table) fails here, not silently in a release.
    #[test]
    fn every_field_of_the_data_has_a_column() {
        let data = fixture();
        let specs = specs();
        for (file, records) in collections(&data) {
            for record in &records {
                for (key, value) in record.as_object().unwrap() {
                    let here = format!("/{key}");
                    let covered = key == "citations"
                        || specs
                            .iter()
                            .filter(|s| s.from == file)
                            .any(|s| match s.items {
                                Some(items) if items == here => true,
                                Some(_) => false,
                                None => s.cols.iter().any(|c| {
                                    c.from == here || c.from.starts_with(&format!("{here}/"))
                                }),
                            });
                    assert!(covered, "{}: field `{key}` has no column", file.name());
                    // Objects inside a link table's items: each of their fields has a column.
                    if let Some(spec) = specs
                        .iter()
                        .find(|s| s.from == file && s.items == Some(here.as_str()))
                    {
                        for item in value.as_array().into_iter().flatten() {
                            for k in item.as_object().into_iter().flat_map(|o| o.keys()) {
                                let p = format!("/item/{k}");
                                assert!(
                                    k == "citations" || spec.cols.iter().any(|c| c.from == p),
                                    "{}: `{key}/{k}` has no column",
                                    spec.name
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn dates_keep_their_precision_and_bound_it() {
        let data = fixture();
        let tables = tables(&data);
        let events = tables.iter().find(|t| t.name == "events").unwrap();
        let col = |n: &str| events.fields.iter().position(|f| f.name == n).unwrap();
        let (d, p, e, l) = (
            col("date"),
            col("date_precision"),
            col("date_earliest"),
            col("date_latest"),
        );
        let row = events
            .rows
            .iter()
            .find(|r| r[d] == Cell::Text("1828".into()))
            .expect("the fixture has an event in 1828");
        assert_eq!(row[p], Cell::Text("year".into()));
        assert_eq!(
            row[e],
            Cell::Date(chrono::NaiveDate::from_ymd_opt(1828, 1, 1).unwrap())
        );
        assert_eq!(
            row[l],
            Cell::Date(chrono::NaiveDate::from_ymd_opt(1828, 12, 31).unwrap())
        );
    }

    /// Every reference resolves to a row of the table it names, and every row fits its
    /// columns: what `frictionless validate` checks in CI, checked here without Python.
    #[test]
    fn keys_and_references_hold() {
        let data = fixture();
        let tables = tables(&data);
        let ids = |name: &str| -> std::collections::BTreeSet<String> {
            let t = tables
                .iter()
                .find(|t| t.name == name)
                .unwrap_or_else(|| panic!("no table {name}"));
            let i = t.fields.iter().position(|f| f.name == "id").unwrap();
            t.rows
                .iter()
                .filter_map(|r| match &r[i] {
                    Cell::Text(s) => Some(s.clone()),
                    _ => None,
                })
                .collect()
        };
        for t in &tables {
            let mut keys = std::collections::BTreeSet::new();
            let key_cols: Vec<usize> = t
                .primary_key
                .iter()
                .map(|k| t.fields.iter().position(|f| f.name == *k).unwrap())
                .collect();
            for row in &t.rows {
                assert_eq!(row.len(), t.fields.len(), "{}", t.name);
                assert!(
                    keys.insert(
                        key_cols
                            .iter()
                            .map(|i| format!("{:?}", row[*i]))
                            .collect::<Vec<_>>()
                    ),
                    "{}: duplicate key",
                    t.name
                );
                for (f, c) in t.fields.iter().zip(row) {
                    if f.required {
                        assert_ne!(c, &Cell::Null, "{}.{} is required", t.name, f.name);
                    }
                    if let (Some(target), Cell::Text(id)) = (f.references, c) {
                        assert!(
                            ids(target).contains(id),
                            "{}.{} = {id} is not in {target}",
                            t.name,
                            f.name
                        );
                    }
                    if let (Values::OneOf(values), Cell::Text(v)) = (&f.values, c) {
                        assert!(values.contains(v), "{}.{} = {v}", t.name, f.name);
                    }
                }
            }
        }
    }
}
