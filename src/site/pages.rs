//! A page per record, and a listing page per kind. Every page links both ways: what the record
//! points at is linked where it is shown, and everything that points at the record is listed
//! under "Referred to by". Every statement shows its citations.

use std::fmt::Write as _;

use super::{self as pick, Ctx, dates, dir, escape, layout, noun, path_of, timeline, words};
use crate::model::{Actor, Citation, Claim, Event, Quote, RecordKind, Sanction, Source};
use crate::query::RecordRef;
use crate::query::{chronological, sort_claims, sort_quotes};

const ROOT: &str = "../";

/// A record's citations: each excerpt, its locator, a link to the source's page and to the
/// source's own URL where it is a safe link.
pub fn citations(ctx: &Ctx<'_>, root: &str, cites: &[Citation]) -> String {
    if cites.is_empty() {
        return String::new();
    }
    let mut s = String::from(r#"<ul class="cites">"#);
    for c in cites {
        s.push_str("<li>");
        if let Some(excerpt) = &c.excerpt {
            let _ = write!(s, "<q>{}</q> — ", escape::html(excerpt));
        }
        s.push_str(&ctx.link(root, c.source.as_str()));
        if let Some(locator) = &c.locator {
            let _ = write!(s, ", {}", escape::html(locator));
        }
        if let Some(href) = ctx
            .source(c.source.as_str())
            .and_then(|src| src.url.as_deref())
            .and_then(escape::href)
        {
            let _ = write!(s, r#" (<a href="{href}" rel="external">original</a>)"#);
        }
        s.push_str("</li>");
    }
    s.push_str("</ul>");
    s
}

/// A definition list of the facts that are present.
fn facts(rows: &[(&str, Option<String>)]) -> String {
    let mut s = String::from(r#"<dl class="facts">"#);
    for (name, value) in rows {
        if let Some(v) = value.as_ref().filter(|v| !v.is_empty()) {
            let _ = write!(s, "<dt>{name}</dt><dd>{v}</dd>");
        }
    }
    s.push_str("</dl>");
    s
}

fn text(value: &str) -> Option<String> {
    Some(escape::html(value))
}

fn section(title: &str, items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut s = format!(r#"<h2>{title}</h2><ul class="plain">"#);
    for i in items {
        let _ = write!(s, "<li>{i}</li>");
    }
    s.push_str("</ul>");
    s
}

/// The page of one record.
pub fn page(ctx: &Ctx<'_>, record: RecordRef<'_>) -> String {
    let kind = record.kind();
    let mut body = format!(
        r#"<p class="kind">{}</p><h1>{}</h1>"#,
        noun(kind),
        escape::html(&ctx.label(record))
    );
    if let Some(date) = record.withdrawn() {
        let _ = write!(
            body,
            r#"<p class="withdrawn"><strong>Withdrawn</strong> on {}: kept so that links to it still lead here, but no longer part of the dataset's account.{}</p>"#,
            dates::html(date),
            if record.notes().is_some() {
                " The curator’s notes below say why."
            } else {
                ""
            }
        );
    }
    body.push_str(&match record {
        RecordRef::Actor(a) => actor(ctx, a),
        RecordRef::Event(e) => event(ctx, e),
        RecordRef::Sanction(s) => sanction(ctx, s),
        RecordRef::Quote(q) => quote(ctx, q),
        RecordRef::Claim(c) => claim(ctx, c),
        RecordRef::Source(s) => source(ctx, s),
    });
    if let Some(notes) = record.notes() {
        let _ = write!(
            body,
            "<h2>Curator’s notes</h2><p>{}</p>",
            escape::html(notes)
        );
    }
    if !record.citations().is_empty() {
        body.push_str("<h2>Sources</h2>");
        body.push_str(&citations(ctx, ROOT, record.citations()));
    }
    let referrers = ctx.referrers(record.id().as_str());
    if !referrers.is_empty() {
        let items: Vec<String> = referrers
            .iter()
            .map(|(r, field)| {
                format!(
                    r#"{} <span class="kind">({}, {})</span>"#,
                    ctx.link(ROOT, r.id().as_str()),
                    noun(r.kind()),
                    escape::html(field),
                )
            })
            .collect();
        body.push_str(&section("Referred to by", &items));
    }
    let _ = write!(
        body,
        r#"<p class="meta">Stable address of this record: <code>{}</code> (id <code>{}</code>).</p>"#,
        path_of(kind, record.id().as_str()),
        escape::html(record.id().as_str())
    );
    layout::page(
        ctx,
        ROOT,
        &format!("{}/index.html", dir(kind)),
        &ctx.label(record),
        &body,
        "",
    )
}

fn actor(ctx: &Ctx<'_>, a: &Actor) -> String {
    let mut s = facts(&[
        ("Kind", text(&words(&a.kind))),
        (
            "Also called",
            Some(
                a.aliases
                    .iter()
                    .map(|x| escape::html(x))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ),
        ("Country", a.country.as_ref().and_then(|c| text(c.as_str()))),
        ("Lifespan", a.lifespan.as_ref().map(dates::html)),
    ]);
    if let Some(desc) = &a.description {
        let _ = write!(s, "<p>{}</p>", escape::html(desc));
    }
    let roles: Vec<String> = a
        .roles
        .iter()
        .map(|r| {
            let mut t = escape::html(&r.title);
            if let Some(org) = &r.organisation {
                let _ = write!(t, ", {}", ctx.link(ROOT, org.as_str()));
            }
            if let Some(p) = &r.period {
                let _ = write!(t, ", {}", dates::html(p));
            }
            if let Some(st) = &r.status {
                let _ = write!(
                    t,
                    r#" <span class="badge">{}</span>"#,
                    escape::html(&words(st))
                );
            }
            t.push_str(&citations(ctx, ROOT, &r.citations));
            t
        })
        .collect();
    s.push_str(&section("Roles over time", &roles));
    let mut relations: Vec<String> = a
        .relations
        .iter()
        .map(|r| {
            format!(
                "{} {}{}",
                escape::html(&words(&r.kind)),
                ctx.link(ROOT, r.target.as_str()),
                citations(ctx, ROOT, &r.citations)
            )
        })
        .collect();
    for other in ctx.referring(a.id.as_str(), pick::actor) {
        for r in other.relations.iter().filter(|r| r.target == a.id) {
            relations.push(format!(
                "{} is {} this actor",
                ctx.link(ROOT, other.id.as_str()),
                escape::html(&words(&r.kind))
            ));
        }
    }
    s.push_str(&section("Relations", &relations));
    let mut taking_part: Vec<_> = ctx
        .referring(a.id.as_str(), pick::event)
        .into_iter()
        .filter_map(|e| {
            let p = e.participants.iter().find(|p| p.actor == a.id)?;
            Some((e, p.role))
        })
        .collect();
    taking_part
        .sort_by(|x, y| chronological((x.0.date.as_ref(), &x.0.id), (y.0.date.as_ref(), &y.0.id)));
    let events: Vec<String> = taking_part
        .into_iter()
        .map(|(e, role)| {
            let date = e
                .date
                .as_ref()
                .map(|d| format!("{}: ", dates::html(d)))
                .unwrap_or_default();
            format!(
                r#"{date}{} <span class="badge">{}</span>"#,
                ctx.link(ROOT, e.id.as_str()),
                escape::html(&words(&role))
            )
        })
        .collect();
    s.push_str(&section("Events taken part in, and in which role", &events));
    let mut said = ctx.referring(a.id.as_str(), pick::quote);
    said.retain(|q| q.speakers.contains(&a.id));
    sort_quotes(&mut said);
    let quotes: Vec<String> = said.into_iter().map(quote_summary).collect();
    s.push_str(&section("What it said", &quotes));
    let sanctions = ctx.referring(a.id.as_str(), pick::sanction);
    let imposed: Vec<String> = sanctions
        .iter()
        .filter(|x| x.imposed_by.contains(&a.id))
        .map(|x| ctx.link(ROOT, x.id.as_str()))
        .collect();
    s.push_str(&section("Sanctions it imposes", &imposed));
    let on: Vec<String> = sanctions
        .iter()
        .filter(|x| x.targets.contains(&a.id))
        .map(|x| ctx.link(ROOT, x.id.as_str()))
        .collect();
    s.push_str(&section("Sanctions it is subject to", &on));
    let claims = ctx.referring(a.id.as_str(), pick::claim);
    let asserts: Vec<String> = claims
        .iter()
        .filter(|c| c.asserted_by.contains(&a.id))
        .map(|c| claim_summary(ctx, c))
        .collect();
    s.push_str(&section("Claims it asserts", &asserts));
    let denies: Vec<String> = claims
        .iter()
        .filter(|c| c.denied_by.contains(&a.id))
        .map(|c| claim_summary(ctx, c))
        .collect();
    s.push_str(&section("Claims it denies", &denies));
    s
}

fn quote_summary(q: &Quote) -> String {
    let date = q
        .date
        .as_ref()
        .map(|d| format!("{}: ", dates::html(d)))
        .unwrap_or_default();
    format!(
        r#"{date}<a href="{ROOT}{}">“{}”</a> <span class="kind">{}</span>{}"#,
        path_of(RecordKind::Quote, q.id.as_str()),
        escape::html(&super::shorten(&q.text, 160)),
        escape::html(&words(&q.kind)),
        super::withdrawn_badge(q.withdrawn.is_some())
    )
}

fn claim_summary(ctx: &Ctx<'_>, c: &Claim) -> String {
    let mut s = ctx.link(ROOT, c.id.as_str());
    if let Some(d) = &c.event_date {
        let _ = write!(s, " (event date in this account: {})", dates::html(d));
    }
    if !timeline::superseded_by(ctx, c).is_empty() {
        s.push_str(r#" <span class="badge">superseded</span>"#);
    }
    s
}

fn event(ctx: &Ctx<'_>, e: &Event) -> String {
    let claims = claims_about(ctx, e.id.as_str());
    let date = match (&e.date, claims.is_empty()) {
        (Some(date), _) => Some(dates::html(date)),
        (None, false) => Some("contested: see the accounts below".to_owned()),
        (None, true) => None,
    };
    let location = e.location.as_ref().map(|l| {
        let mut t = escape::html(&l.name);
        if let Some(c) = &l.country {
            let _ = write!(t, " ({})", escape::html(c.as_str()));
        }
        t
    });
    let mut s = facts(&[
        ("Kind", text(&words(&e.kind))),
        ("Date", date),
        ("Where", location),
    ]);
    if let Some(summary) = &e.summary {
        let _ = write!(s, "<p>{}</p>", escape::html(summary));
    }
    let participants: Vec<String> = e
        .participants
        .iter()
        .map(|p| {
            format!(
                r#"{} <span class="badge">{}</span>"#,
                ctx.link(ROOT, p.actor.as_str()),
                escape::html(&words(&p.role))
            )
        })
        .collect();
    s.push_str(&section("Who took part", &participants));
    if !claims.is_empty() {
        s.push_str("<h2>Competing accounts</h2>");
        s.push_str(&timeline::accounts(ctx, ROOT, &claims));
    }
    let mut related: Vec<String> = e
        .related
        .iter()
        .map(|l| {
            format!(
                "{} {}",
                escape::html(&words(&l.relation)),
                ctx.link(ROOT, l.event.as_str())
            )
        })
        .collect();
    for other in ctx.referring(e.id.as_str(), pick::event) {
        for l in other.related.iter().filter(|l| l.event == e.id) {
            related.push(format!(
                "{} is {} this event",
                ctx.link(ROOT, other.id.as_str()),
                escape::html(&words(&l.relation))
            ));
        }
    }
    s.push_str(&section("Related events", &related));
    let quotes: Vec<String> = ctx
        .referring(e.id.as_str(), pick::quote)
        .into_iter()
        .filter(|q| q.about.contains(&e.id))
        .map(quote_summary)
        .collect();
    s.push_str(&section("What was said about it", &quotes));
    s
}

fn sanction(ctx: &Ctx<'_>, x: &Sanction) -> String {
    let mut s = facts(&[
        ("Imposed by", Some(ctx.links(ROOT, &x.imposed_by))),
        ("On", Some(ctx.links(ROOT, &x.targets))),
        ("Scope", x.scope.as_deref().and_then(text)),
        ("Programme", x.programme.as_deref().and_then(text)),
        (
            "Legal basis",
            x.legal_basis.as_ref().map(|l| ctx.link(ROOT, l.as_str())),
        ),
        ("In force", x.period.as_ref().map(dates::html)),
        ("Prompted by", Some(ctx.links(ROOT, &x.reasons))),
    ]);
    let measures: Vec<String> = x
        .measures
        .iter()
        .map(|m| {
            let mut t = format!(
                r#"<span class="badge">{}</span>"#,
                escape::html(&words(&m.kind))
            );
            if let Some(desc) = &m.description {
                let _ = write!(t, " {}", escape::html(desc));
            }
            t
        })
        .collect();
    s.push_str(&section("Measures", &measures));
    s
}

fn quote(ctx: &Ctx<'_>, q: &Quote) -> String {
    let mut s = facts(&[
        (
            "Said by",
            Some(
                q.speakers
                    .iter()
                    .map(|a| ctx.link(ROOT, a.as_str()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
        ("Kind", text(&words(&q.kind))),
        ("When", q.date.as_ref().map(dates::html)),
        ("Medium", q.medium.as_ref().and_then(|m| text(&words(m)))),
        ("Language", text(q.language.as_str())),
        ("About", Some(ctx.links(ROOT, &q.about))),
    ]);
    let _ = write!(
        s,
        "<blockquote><p>{}</p></blockquote>",
        escape::html(&q.text)
    );
    if let Some(original) = &q.original_text {
        let lang = q.original_language.as_ref().map_or("", |l| l.as_str());
        let _ = write!(
            s,
            r#"<h2>In the original</h2><blockquote lang="{}"><p>{}</p></blockquote>"#,
            escape::attr(lang),
            escape::html(original)
        );
    }
    let answers: Vec<String> = q
        .responds_to
        .iter()
        .map(|id| ctx.link(ROOT, id.as_str()))
        .collect();
    s.push_str(&section("In reply to", &answers));
    let replies: Vec<String> = ctx
        .referring(q.id.as_str(), pick::quote)
        .into_iter()
        .filter(|r| r.responds_to.contains(&q.id))
        .map(|r| ctx.link(ROOT, r.id.as_str()))
        .collect();
    s.push_str(&section("Replies to it", &replies));
    s
}

fn claim(ctx: &Ctx<'_>, c: &Claim) -> String {
    let superseded = timeline::superseded_by(ctx, c);
    let superseded_ids: Vec<&crate::model::Id> = superseded.iter().map(|x| &x.id).collect();
    let contradicted_by: Vec<&crate::model::Id> = ctx
        .referring(c.id.as_str(), pick::claim)
        .into_iter()
        .filter(|x| x.contradicts.contains(&c.id))
        .map(|x| &x.id)
        .collect();
    let mut s = facts(&[
        ("About", Some(ctx.link(ROOT, c.about.as_str()))),
        ("Stance", text(&words(&c.stance))),
        (
            "Date it gives the event",
            c.event_date.as_ref().map(dates::html),
        ),
        ("Asserted by", Some(ctx.links(ROOT, &c.asserted_by))),
        ("Attributed to", c.attribution.as_deref().and_then(text)),
        ("Asserted", c.asserted_on.as_ref().map(dates::html)),
        ("Denied by", Some(ctx.links(ROOT, &c.denied_by))),
        ("Evidence offered", Some(ctx.links(ROOT, &c.evidence))),
        ("Supersedes", Some(ctx.links(ROOT, &c.supersedes))),
        ("Superseded by", Some(ctx.links(ROOT, superseded_ids))),
        ("Contradicts", Some(ctx.links(ROOT, &c.contradicts))),
        ("Contradicted by", Some(ctx.links(ROOT, contradicted_by))),
    ]);
    if !superseded.is_empty() {
        s.push_str(r#"<p><span class="badge">superseded</span> A later claim by the same asserters replaces this one.</p>"#);
    }
    let _ = write!(
        s,
        "<blockquote><p>{}</p></blockquote>",
        escape::html(&c.statement)
    );
    let others: Vec<&Claim> = claims_about(ctx, c.about.as_str());
    if others.len() > 1 {
        s.push_str("<h2>Every account of the same record</h2>");
        s.push_str(&timeline::accounts(ctx, ROOT, &others));
    }
    s
}

fn source(ctx: &Ctx<'_>, x: &Source) -> String {
    let url = x.url.as_deref().map(|u| match escape::href(u) {
        Some(href) => format!(r#"<a href="{href}" rel="external">{}</a>"#, escape::html(u)),
        None => format!(
            r#"<span class="missing">{}</span> (not a web link)"#,
            escape::html(u)
        ),
    });
    facts(&[
        ("Kind", text(&words(&x.kind))),
        ("Address", url),
        (
            "Publisher",
            x.publisher.as_ref().map(|p| ctx.link(ROOT, p.as_str())),
        ),
        ("Series", x.series.as_deref().and_then(text)),
        ("Authors", Some(ctx.links(ROOT, &x.authors))),
        ("Published", x.published.as_ref().map(dates::html)),
        (
            "Language",
            x.language.as_ref().and_then(|l| text(l.as_str())),
        ),
        ("Related", Some(ctx.links(ROOT, &x.related))),
    ])
}

/// The listing of every record of one kind.
pub fn listing(ctx: &Ctx<'_>, kind: RecordKind) -> String {
    let mut records: Vec<(String, RecordRef<'_>)> = ctx
        .records()
        .into_iter()
        .filter(|r| r.kind() == kind)
        .map(|r| (ctx.label(r).to_lowercase(), r))
        .collect();
    records.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id().cmp(b.1.id())));
    let title = match kind {
        RecordKind::Source => "Sources",
        RecordKind::Actor => "Actors",
        RecordKind::Event => "Events",
        RecordKind::Sanction => "Sanctions",
        RecordKind::Quote => "Quotes",
        RecordKind::Claim => "Claims",
    };
    let mut body = format!(
        r#"<h1>{title}</h1><p class="meta">{} records.</p><ul class="plain">"#,
        records.len()
    );
    for (_, r) in &records {
        let extra = match r {
            RecordRef::Actor(a) => words(&a.kind),
            RecordRef::Event(e) => e
                .date
                .as_ref()
                .map_or_else(|| "undated".into(), dates::words),
            RecordRef::Sanction(_) => String::new(),
            RecordRef::Quote(q) => q.date.as_ref().map(dates::words).unwrap_or_default(),
            RecordRef::Claim(c) => words(&c.stance),
            RecordRef::Source(s) => words(&s.kind),
        };
        let _ = write!(
            body,
            r#"<li>{} <span class="kind">{}</span></li>"#,
            ctx.link(ROOT, r.id().as_str()),
            escape::html(&extra)
        );
    }
    body.push_str("</ul>");
    layout::page(
        ctx,
        ROOT,
        &format!("{}/index.html", dir(kind)),
        title,
        &body,
        "",
    )
}

/// The claims about `id`, ordered as [`Dataset::claims_about`](crate::Dataset::claims_about)
/// orders them, from the site's index.
pub fn claims_about<'a>(ctx: &Ctx<'a>, id: &str) -> Vec<&'a Claim> {
    let mut claims = ctx.referring(id, pick::claim);
    claims.retain(|c| c.about.as_str() == id);
    sort_claims(&mut claims);
    claims
}
