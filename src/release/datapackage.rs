//! `datapackage.json`: the bundle's tables described as a Frictionless Tabular Data Package
//! (the standard CKAN, the Frictionless tools and many data portals read), generated from the
//! same [`Table`] definitions that write the CSV files, so the descriptor cannot drift from them.
//! CI checks every built bundle with the reference implementation (`frictionless validate`),
//! foreign keys included.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::citation::{REPOSITORY, citation_text};
use super::tables::{Table, Values};
use crate::dataset::Dataset;

/// The URL of a licence's text, by SPDX identifier.
pub(crate) fn license_url(spdx: &str) -> String {
    match spdx {
        "CC-BY-4.0" => "https://creativecommons.org/licenses/by/4.0/legalcode".to_owned(),
        "CC0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/legalcode".to_owned(),
        other => format!("https://spdx.org/licenses/{other}.html"),
    }
}

/// The descriptor of the bundle's CSV tables.
pub fn descriptor(data: &Dataset, tables: &[Table], released: NaiveDate) -> Value {
    let meta = &data.metadata;
    let resources: Vec<Value> = tables.iter().map(resource).collect();
    let sources: Vec<Value> = data
        .sources
        .iter()
        .map(|s| {
            let mut v = json!({ "title": s.title });
            if let Some(url) = &s.url {
                v["path"] = json!(url);
            }
            v
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": package_name(&meta.name),
        "title": meta.name,
        "description": meta.description,
        "version": meta.version.as_str(),
        "created": format!("{}T00:00:00Z", released.format("%Y-%m-%d")),
        "homepage": REPOSITORY,
        "keywords": ["iran", "russia", "ukraine", "drones", "sanctions"],
        "licenses": [{
            "name": meta.license,
            "path": license_url(&meta.license),
            "title": meta.license,
        }],
        "contributors": [{ "title": super::citation::AUTHORS, "role": "author", "path": REPOSITORY }],
        "citation": citation_text(meta, released),
        "sources": sources,
        "resources": resources,
    })
}

/// A Data Package name: lowercase letters, digits and `-._` only.
fn package_name(name: &str) -> String {
    name.chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn resource(table: &Table) -> Value {
    let fields: Vec<Value> = table
        .fields
        .iter()
        .map(|f| {
            let mut v = json!({
                "name": f.name,
                "type": f.ty.name(),
                "description": f.description,
            });
            if f.ty == super::tables::FieldType::Date {
                v["format"] = json!("default");
            }
            let mut constraints = serde_json::Map::new();
            if f.required {
                constraints.insert("required".into(), json!(true));
            }
            if let Values::OneOf(values) = &f.values {
                constraints.insert("enum".into(), json!(values));
            }
            if !constraints.is_empty() {
                v["constraints"] = Value::Object(constraints);
            }
            v
        })
        .collect();
    let foreign_keys: Vec<Value> = table
        .fields
        .iter()
        .filter_map(|f| {
            f.references.map(|target| {
                json!({
                    "fields": [f.name],
                    "reference": { "resource": target, "fields": ["id"] },
                })
            })
        })
        .collect();
    json!({
        "name": table.name,
        "path": format!("csv/{}.csv", table.name),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "dialect": {
            "delimiter": ",",
            "lineTerminator": "\r\n",
            "quoteChar": "\"",
            "doubleQuote": true,
            "header": true,
        },
        "schema": {
            "fields": fields,
            "primaryKey": table.primary_key,
            "foreignKeys": foreign_keys,
            "missingValues": [""],
        },
    })
}
