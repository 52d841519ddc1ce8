//! The home page: the timeline of events, drawn as SVG at build time, with each competing
//! account of a contested event in its own lane, then the same chronology as a list (what a
//! phone or a screen reader reads), then the undated events.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use serde_json::json;

use super::{Ctx, dates, escape, layout, pages, path_of};
use crate::model::{Claim, Date, Day, Event, PartialDate, Precision, RecordKind, Stance};

/// The model's calendar day as chrono's, for the axis arithmetic.
fn nd(d: Day) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), d.day()).unwrap_or_default()
}

/// One group on the timeline: an event, and the accounts of it that the claims give.
struct Group<'a> {
    event: &'a Event,
    claims: Vec<&'a Claim>,
    /// Where the group sorts: the event's date, else its accounts' earliest date.
    anchor: Option<Date>,
}

fn groups<'a>(ctx: &Ctx<'a>) -> (Vec<Group<'a>>, Vec<Group<'a>>) {
    let (mut dated, mut undated) = (Vec::new(), Vec::new());
    for event in ctx.data.events_chronological() {
        // A withdrawn event or claim is no longer part of the account: its own page says so,
        // and the timeline leaves it out.
        if event.withdrawn.is_some() {
            continue;
        }
        let mut claims = pages::claims_about(ctx, event.id.as_str());
        claims.retain(|c| c.withdrawn.is_none());
        let anchor = event
            .date
            .or_else(|| claims.iter().filter_map(|c| c.event_date).min());
        let group = Group {
            event,
            claims,
            anchor,
        };
        if anchor.is_some() {
            dated.push(group);
        } else {
            undated.push(group);
        }
    }
    dated.sort_by(|a, b| a.anchor.cmp(&b.anchor).then(a.event.id.cmp(&b.event.id)));
    (dated, undated)
}

/// Whether `claim` is superseded by another claim of the dataset.
pub fn superseded_by<'a>(ctx: &Ctx<'a>, claim: &Claim) -> Vec<&'a Claim> {
    let mut by = ctx.referring(claim.id.as_str(), super::claim);
    by.retain(|c| c.supersedes.contains(&claim.id));
    by
}

/// Who makes a claim, in words: the asserters' names, or the source's attribution.
pub fn asserters(ctx: &Ctx<'_>, claim: &Claim) -> String {
    let mut names: Vec<String> = claim
        .asserted_by
        .iter()
        .map(|a| ctx.name_of(a.as_str()))
        .collect();
    if let Some(attribution) = &claim.attribution {
        names.push(attribution.clone());
    }
    if names.is_empty() {
        "unattributed".to_owned()
    } else {
        names.join(", ")
    }
}

/// A claim's lane label: who, what date, stance, denials, superseded.
fn lane_label(ctx: &Ctx<'_>, claim: &Claim) -> String {
    let mut label = asserters(ctx, claim);
    match (&claim.event_date, claim.stance) {
        (_, Stance::Denies) => label.push_str(": denies it"),
        (Some(d), Stance::Affirms) => {
            let _ = write!(label, ": {}", dates::words(d));
        }
        (None, Stance::Affirms) => label.push_str(": no date given"),
        (Some(d), Stance::Suggests) => {
            let _ = write!(label, ": suggests {} (hedged)", dates::words(d));
        }
        (None, Stance::Suggests) => label.push_str(": suggests it (hedged), no date given"),
    }
    if !claim.denied_by.is_empty() {
        let deniers: Vec<String> = claim
            .denied_by
            .iter()
            .map(|a| ctx.name_of(a.as_str()))
            .collect();
        let _ = write!(label, "; denied by {}", deniers.join(", "));
    }
    if !superseded_by(ctx, claim).is_empty() {
        label.push_str(" (superseded)");
    }
    label
}

/// The horizontal axis: one column per year that has something on it, wide for years with
/// months or days (so a month is a visible bar and a day a point), narrow otherwise; years in
/// between are collapsed into a short break.
struct Axis {
    columns: Vec<(i32, f64, f64)>,
    width: f64,
}

const LEFT: f64 = 16.0;
const FINE: f64 = 340.0;
const COARSE: f64 = 44.0;
const GAP: f64 = 26.0;
const ROW: f64 = 42.0;
const TOP: f64 = 40.0;

impl Axis {
    fn new(dates: &[Date]) -> Axis {
        let mut years: BTreeSet<(i32, bool)> = BTreeSet::new();
        for d in dates {
            for p in [d.start(), d.end()].into_iter().flatten() {
                years.insert((p.year(), p.precision() != Precision::Year));
            }
        }
        let mut fine: Vec<(i32, bool)> = Vec::new();
        for (y, f) in years {
            match fine.last_mut() {
                Some((ly, lf)) if *ly == y => *lf |= f,
                _ => fine.push((y, f)),
            }
        }
        let mut x = LEFT;
        let mut columns = Vec::new();
        let mut prev: Option<i32> = None;
        for (y, f) in fine {
            if prev.is_some_and(|p| y > p + 1) {
                x += GAP;
            }
            let w = if f { FINE } else { COARSE };
            columns.push((y, x, w));
            x += w;
            prev = Some(y);
        }
        Axis {
            columns,
            width: (x + LEFT).max(640.0),
        }
    }

    /// The x of the start of a day.
    fn x(&self, day: NaiveDate) -> f64 {
        let y = day.year();
        let frac = |d: NaiveDate| {
            let days =
                if NaiveDate::from_ymd_opt(d.year(), 12, 31).is_some_and(|e| e.ordinal() == 366) {
                    366.0
                } else {
                    365.0
                };
            f64::from(d.ordinal0()) / days
        };
        for (i, &(cy, cx, cw)) in self.columns.iter().enumerate() {
            if cy == y {
                return cx + cw * frac(day);
            }
            if cy > y {
                // In a collapsed gap (or before the first column): place it inside the break.
                let start = if i == 0 { LEFT } else { cx - GAP };
                let prev_year = if i == 0 { y } else { self.columns[i - 1].0 + 1 };
                let span = f64::from((cy - prev_year).max(1));
                let pos = f64::from(y - prev_year) + frac(day);
                return start + (cx - start) * (pos / span).clamp(0.0, 1.0);
            }
        }
        self.columns.last().map_or(LEFT, |&(_, cx, cw)| cx + cw)
    }

    fn x_end(&self, p: PartialDate) -> f64 {
        match nd(p.latest()).succ_opt() {
            Some(next) if next.year() == p.latest().year() => self.x(next),
            _ => self
                .columns
                .iter()
                .find(|c| c.0 == p.year())
                .map_or_else(|| self.x(nd(p.latest())), |&(_, cx, cw)| cx + cw),
        }
    }

    fn svg_axis(&self, height: f64) -> String {
        let mut s = String::new();
        for &(y, x, w) in &self.columns {
            let _ = write!(
                s,
                r##"<line x1="{x:.1}" y1="{t:.1}" x2="{x:.1}" y2="{height:.1}" stroke="#c8c8c8"/><text x="{tx:.1}" y="16" fill="#1a1a1a" font-weight="700">{y}</text>"##,
                t = 22.0,
                tx = x + 3.0,
            );
            if w >= FINE {
                for m in 2..=12u32 {
                    let mx = self.x(NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default());
                    let _ = write!(
                        s,
                        r##"<line x1="{mx:.1}" y1="26" x2="{mx:.1}" y2="{height:.1}" stroke="#ececec"/>"##
                    );
                }
                for m in 1..=12u32 {
                    let mx = self.x(NaiveDate::from_ymd_opt(y, m, 15).unwrap_or_default());
                    let _ = write!(
                        s,
                        r##"<text x="{mx:.1}" y="34" fill="#4a4a4a" font-size="10" text-anchor="middle">{}</text>"##,
                        &dates::partial(PartialDate::Month(y, m))[..3]
                    );
                }
            }
        }
        s
    }

    /// The mark for a date in a row at `y`: a dot for a day, a bar for a month, a year or an
    /// interval, a dashed lead-in for an open end.
    fn mark(&self, date: &Date, y: f64, colour: &str, dashed: bool) -> (String, f64, f64) {
        let dash = if dashed {
            r#" stroke-dasharray="4 3""#
        } else {
            ""
        };
        let fill = if dashed { "none" } else { colour };
        match (date.start(), date.end(), date) {
            (Some(PartialDate::Day(d)), _, Date::Point(_)) => {
                let x = self.x(nd(d)) + 0.5;
                (
                    format!(
                        r#"<circle cx="{x:.1}" cy="{cy:.1}" r="5" fill="{fill}" stroke="{colour}" stroke-width="2"{dash}/>"#,
                        cy = y + 5.0
                    ),
                    x - 5.0,
                    x + 5.0,
                )
            }
            (start, end, _) => {
                let x0 = start.map(|p| self.x(nd(p.earliest())));
                let x1 = end.map(|p| self.x_end(p));
                let (a, b) = match (x0, x1) {
                    (Some(a), Some(b)) => (a, b.max(a + 3.0)),
                    (None, Some(b)) => (b - 48.0, b),
                    (Some(a), None) => (a, a + 48.0),
                    (None, None) => (LEFT, LEFT + 3.0),
                };
                let mut s = String::new();
                let solid_from = if start.is_none() { b - 3.0 } else { a };
                let solid_to = if end.is_none() { a + 3.0 } else { b };
                if start.is_none() {
                    let _ = write!(
                        s,
                        r#"<line x1="{a:.1}" y1="{m:.1}" x2="{b:.1}" y2="{m:.1}" stroke="{colour}" stroke-width="3" stroke-dasharray="3 3"/>"#,
                        m = y + 5.0
                    );
                }
                if end.is_none() {
                    let _ = write!(
                        s,
                        r#"<line x1="{a:.1}" y1="{m:.1}" x2="{b:.1}" y2="{m:.1}" stroke="{colour}" stroke-width="3" stroke-dasharray="3 3"/>"#,
                        m = y + 5.0
                    );
                }
                let _ = write!(
                    s,
                    r#"<rect x="{solid_from:.1}" y="{y:.1}" width="{w:.1}" height="10" rx="2" fill="{fill}" stroke="{colour}" stroke-width="2"{dash}/>"#,
                    w = (solid_to - solid_from).max(3.0)
                );
                (s, a, b)
            }
        }
    }
}

/// One row of the drawing: a label line, then the mark, all one link to the record's page.
struct Lane<'a> {
    href: String,
    label: String,
    date: Option<&'a Date>,
    colour: &'static str,
    dashed: bool,
    indent: f64,
}

fn row(axis: &Axis, y: f64, lane: &Lane<'_>) -> String {
    let Lane {
        href,
        label,
        date,
        colour,
        dashed,
        indent,
    } = lane;
    let (colour, dashed, indent) = (*colour, *dashed, *indent);
    let (mark, a, b) = match date {
        Some(d) => axis.mark(d, y + 22.0, colour, dashed),
        None => (String::new(), LEFT + indent, LEFT + indent),
    };
    // Place the label above the mark, inside the drawing: from the mark's start if it fits,
    // else ending at the mark's end, else from the left edge.
    let est = label.chars().count() as f64 * 7.0;
    let (tx, anchor) = if a + est <= axis.width - 8.0 {
        (a.max(LEFT + indent), "start")
    } else if b - est >= 8.0 {
        (b, "end")
    } else {
        (LEFT, "start")
    };
    format!(
        r##"<a href="{href}"><text x="{tx:.1}" y="{ty:.1}" text-anchor="{anchor}" fill="#1a1a1a">{label}</text>{mark}</a>"##,
        ty = y + 16.0,
        label = escape::html(label),
    )
}

fn svg(ctx: &Ctx<'_>, groups: &[Group<'_>]) -> String {
    let mut all_dates: Vec<Date> = Vec::new();
    for g in groups {
        all_dates.extend(g.event.date);
        all_dates.extend(g.claims.iter().filter_map(|c| c.event_date));
    }
    let axis = Axis::new(&all_dates);
    let mut rows = String::new();
    let mut y = TOP;
    for g in groups {
        let href = path_of(RecordKind::Event, g.event.id.as_str());
        let mut label = g.event.title.clone();
        match &g.event.date {
            Some(d) => {
                let _ = write!(label, " — {}", dates::words(d));
            }
            None => label.push_str(" — date contested:"),
        }
        let lane = Lane {
            href,
            label,
            date: g.event.date.as_ref(),
            colour: "#1f4e79",
            dashed: false,
            indent: 0.0,
        };
        rows.push_str(&row(&axis, y, &lane));
        y += ROW;
        for c in &g.claims {
            let href = path_of(RecordKind::Claim, c.id.as_str());
            let superseded = !superseded_by(ctx, c).is_empty();
            let colour = match c.stance {
                Stance::Affirms => "#8a3b00",
                Stance::Denies => "#5b2a86",
                Stance::Suggests => "#6b5a00",
            };
            let label = format!("↳ {}", lane_label(ctx, c));
            let lane = Lane {
                href,
                label,
                date: c.event_date.as_ref(),
                colour,
                dashed: superseded,
                indent: 12.0,
            };
            rows.push_str(&row(&axis, y, &lane));
            y += ROW;
        }
    }
    let height = y + 8.0;
    format!(
        r##"<div class="timeline"><svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{height:.0}" viewBox="0 0 {w:.0} {height:.0}" aria-labelledby="timeline-title"><title id="timeline-title">Timeline of dated events and the competing accounts of contested ones</title>{axis}{rows}</svg></div>"##,
        w = axis.width,
        axis = axis.svg_axis(height),
    )
}

/// The accounts of an event as an HTML list: each claim with its date, asserters, denials,
/// status and citations.
pub fn accounts(ctx: &Ctx<'_>, root: &str, claims: &[&Claim]) -> String {
    if claims.is_empty() {
        return String::new();
    }
    let mut s = String::from(r#"<ul class="accounts">"#);
    for c in claims {
        let superseded = superseded_by(ctx, c);
        let class = match (c.stance, superseded.is_empty()) {
            (Stance::Affirms, true) => "affirms",
            (Stance::Denies, true) => "denies",
            (Stance::Affirms, false) => "affirms is-superseded",
            (Stance::Denies, false) => "denies is-superseded",
            (Stance::Suggests, true) => "suggests",
            (Stance::Suggests, false) => "suggests is-superseded",
        };
        let _ = write!(
            s,
            r#"<li class="{class}"><p><strong>{who}</strong> {verb}: <a href="{root}{href}">{statement}</a></p><p class="meta">"#,
            who = escape::html(&asserters(ctx, c)),
            verb = match c.stance {
                Stance::Affirms => "says",
                Stance::Denies => "denies",
                Stance::Suggests => "suggests (hedged)",
            },
            href = path_of(RecordKind::Claim, c.id.as_str()),
            statement = escape::html(&c.statement),
        );
        match &c.event_date {
            Some(d) => {
                let _ = write!(s, "Date this account gives: {}.", dates::html(d));
            }
            None => s.push_str("This account gives no date."),
        }
        if let Some(on) = &c.asserted_on {
            let _ = write!(s, " Asserted {}.", dates::html(on));
        }
        if !c.denied_by.is_empty() {
            let _ = write!(s, " Denied by {}.", ctx.links(root, &c.denied_by));
        }
        if !superseded.is_empty() {
            let ids: Vec<&crate::model::Id> = superseded.iter().map(|c| &c.id).collect();
            let _ = write!(
                s,
                r#" <span class="badge">superseded</span> by {}."#,
                ctx.links(root, ids)
            );
        }
        if let Some(on) = &c.withdrawn {
            let _ = write!(
                s,
                r#" <span class="badge">withdrawn</span> on {}: no longer part of the dataset's account."#,
                dates::html(on)
            );
        }
        s.push_str("</p>");
        s.push_str(&pages::citations(ctx, root, &c.citations));
        s.push_str("</li>");
    }
    s.push_str("</ul>");
    s
}

fn list_item(ctx: &Ctx<'_>, g: &Group<'_>) -> String {
    let e = g.event;
    let date = e
        .date
        .as_ref()
        .map_or_else(|| "date contested".to_owned(), dates::html);
    let mut s = format!(
        r#"<li><p><strong>{date}</strong> · <a href="{href}">{title}</a> <span class="kind">{kind}</span></p>"#,
        href = path_of(RecordKind::Event, e.id.as_str()),
        title = escape::html(&e.title),
        kind = escape::html(&super::words(&e.kind)),
    );
    if let Some(summary) = &e.summary {
        let _ = write!(s, "<p>{}</p>", escape::html(summary));
    }
    s.push_str(&pages::citations(ctx, "", &e.citations));
    s.push_str(&accounts(ctx, "", &g.claims));
    s.push_str("</li>");
    s
}

/// Where this version's release archive is published (from the crate's `repository`).
fn archive_url(ctx: &Ctx<'_>) -> String {
    let repo = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    let version = ctx.data.metadata.version.as_str();
    format!("{repo}/releases/download/v{version}/dossier-data-{version}.tar.gz")
}

/// The schema.org `Dataset` description of the home page.
fn json_ld(ctx: &Ctx<'_>) -> String {
    let meta = &ctx.data.metadata;
    let version = meta.version.as_str();
    let archive = archive_url(ctx);
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": meta.name,
        "description": meta.description,
        "version": version,
        "license": layout::license_url(meta.license.as_str()).unwrap_or_else(|| meta.license.clone()),
        "isAccessibleForFree": true,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/gzip", "contentUrl": archive},
        ],
        "variableMeasured": ["sources", "actors", "events", "sanctions", "quotes", "claims"],
    });
    if let Some(url) = super::pages_url() {
        value["url"] = json!(url);
    }
    format!(
        "<script type=\"application/ld+json\">{}</script>\n",
        escape::json_in_script(&value)
    )
}

/// The home page.
pub fn home(ctx: &Ctx<'_>) -> String {
    let (dated, undated) = groups(ctx);
    let meta = &ctx.data.metadata;
    let mut body = format!(
        r#"<h1>{name}: the timeline</h1><p>{description}</p><p class="meta">Version {version} · {n} records · <a href="{archive}">download the data</a> · contested events show each account in its own lane, with its date and who makes it.</p>"#,
        name = escape::html(&meta.name),
        description = escape::html(&meta.description),
        version = escape::html(meta.version.as_str()),
        n = ctx.records().len(),
        archive = escape::attr(&archive_url(ctx)),
    );
    body.push_str(&svg(ctx, &dated));
    body.push_str(r#"<h2 id="chronology">Dated events, in order</h2><ol class="events">"#);
    for g in &dated {
        body.push_str(&list_item(ctx, g));
    }
    body.push_str(r#"</ol><h2 id="undated">Undated events</h2><p class="meta">The sources give these no date.</p><ul class="plain">"#);
    for g in &undated {
        body.push_str(&list_item(ctx, g));
    }
    body.push_str("</ul>");
    layout::page(
        ctx,
        "",
        "index.html",
        &format!("{} timeline", meta.name),
        &body,
        &json_ld(ctx),
    )
}
