//! The controlled vocabularies (`kind`, `role`, `stance`, ...) as text.
//!
//! Each vocabulary enum prints with the spelling the data files use (`paraphrase`, not
//! `Paraphrase`), so a program can show a value, build a CSV cell or compare with a JSON field
//! without going through `Debug` or serde. The spellings are written out once here; a test
//! checks every variant against serde's spelling and the JSON Schema's list of values, so the
//! two cannot drift apart.

use std::fmt;

use super::{
    ActorKind, ClaimKind, EventKind, EventRelation, MaterielKind, MeasureKind, Medium,
    ParticipantRole, QuoteKind, RelationKind, RoleStatus, SourceKind, Stance,
};

/// Defines `ALL`, `as_str` and `Display` for a vocabulary enum from its variants and their
/// spellings in the data.
macro_rules! vocabulary {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            #[doc = concat!("Every value of the vocabulary, in declaration order (the order of the schema's `enum`).")]
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            #[doc = concat!("The value as the data files spell it, such as `", vocabulary!(@first $($text),+), "`.")]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl fmt::Display for $name {
            /// The data's spelling, as [`as_str`](Self::as_str) gives it.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
    };
    (@first $first:literal $(, $rest:literal)*) => { $first };
}

vocabulary!(ActorKind {
    State => "state",
    Person => "person",
    GovernmentBody => "government_body",
    ArmedForce => "armed_force",
    LegislativeBody => "legislative_body",
    PoliticalFaction => "political_faction",
    Media => "media",
    ThinkTank => "think_tank",
    IntergovernmentalOrganisation => "intergovernmental_organisation",
    Organisation => "organisation",
    Group => "group",
});

vocabulary!(RoleStatus {
    Current => "current",
    Former => "former",
});

vocabulary!(RelationKind {
    PartOf => "part_of",
    MemberOf => "member_of",
    AffiliatedWith => "affiliated_with",
    Leads => "leads",
});

vocabulary!(EventKind {
    ArmsTransfer => "arms_transfer",
    Inspection => "inspection",
    Invasion => "invasion",
    MilitaryAttack => "military_attack",
    Disclosure => "disclosure",
    Statement => "statement",
    Negotiation => "negotiation",
    Agreement => "agreement",
    Resolution => "resolution",
    Referral => "referral",
    Vote => "vote",
    Policy => "policy",
    SanctionsImposed => "sanctions_imposed",
    Revolution => "revolution",
    HostageCrisis => "hostage_crisis",
    Other => "other",
});

vocabulary!(ParticipantRole {
    Initiator => "initiator",
    Supplier => "supplier",
    Recipient => "recipient",
    Inspector => "inspector",
    Target => "target",
    Beneficiary => "beneficiary",
    Host => "host",
    Party => "party",
    Supporter => "supporter",
    Opponent => "opponent",
    Forum => "forum",
});

vocabulary!(EventRelation {
    PartOf => "part_of",
    CausedBy => "caused_by",
    ResponseTo => "response_to",
    EvidenceFor => "evidence_for",
    RelatedTo => "related_to",
});

vocabulary!(MeasureKind {
    ExportRestriction => "export_restriction",
    ImportRestriction => "import_restriction",
    ArmsEmbargo => "arms_embargo",
    AssetFreeze => "asset_freeze",
    TravelBan => "travel_ban",
    FinancialRestriction => "financial_restriction",
    TradeRestriction => "trade_restriction",
    Other => "other",
});

vocabulary!(QuoteKind {
    Direct => "direct",
    Paraphrase => "paraphrase",
    Analysis => "analysis",
});

vocabulary!(Medium {
    Newspaper => "newspaper",
    LeakedAudio => "leaked_audio",
    Speech => "speech",
    Interview => "interview",
    Statement => "statement",
    Article => "article",
    SocialMedia => "social_media",
    Other => "other",
});

vocabulary!(Stance {
    Affirms => "affirms",
    Denies => "denies",
    Suggests => "suggests",
});

vocabulary!(ClaimKind {
    Account => "account",
    Interpretation => "interpretation",
    Accusation => "accusation",
});

vocabulary!(MaterielKind {
    Drone => "drone",
    Missile => "missile",
    Other => "other",
});

vocabulary!(SourceKind {
    Article => "article",
    NewsReport => "news_report",
    Statement => "statement",
    LegalAct => "legal_act",
    Report => "report",
    Other => "other",
});

#[cfg(test)]
mod tests {
    use super::*;

    /// Each value's `as_str` and `Display` equal serde's spelling of it, and every spelling is
    /// distinct. (`tests/vocabulary.rs` also checks `ALL` against the schema's `enum`, so a
    /// variant missing from `ALL` is caught; the `match` in `as_str` catches a variant missing
    /// from the spellings at compile time.)
    fn check<T: serde::Serialize + fmt::Display + Copy>(all: &[T], as_str: fn(T) -> &'static str) {
        let mut seen = std::collections::BTreeSet::new();
        for &v in all {
            let serde = serde_json::to_value(v).unwrap();
            assert_eq!(serde.as_str(), Some(as_str(v)), "serde and as_str differ");
            assert_eq!(v.to_string(), as_str(v));
            assert!(seen.insert(as_str(v)), "{} spelt twice", as_str(v));
        }
    }

    #[test]
    fn every_value_prints_as_the_data_spells_it() {
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
    fn display_honours_width() {
        assert_eq!(format!("[{:>12}]", QuoteKind::Paraphrase), "[  paraphrase]");
        assert_eq!(QuoteKind::Paraphrase.to_string(), "paraphrase");
    }
}
