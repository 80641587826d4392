//! The translated manuals of `cloudgram explain`, built into the binary.
//! Same sections as the English ones, with the same ```` ```cgr ```` examples
//! (tests/i18n.rs checks both). Rules and codes without one fall back to
//! English.

/// Korean manuals: (code, text of `i18n/ko/explain/<CODE>.md`).
pub const KO: &[(&str, &str)] = &[
    ("AI001", include_str!("../../i18n/ko/explain/AI001.md")),
    ("AV001", include_str!("../../i18n/ko/explain/AV001.md")),
    ("AV002", include_str!("../../i18n/ko/explain/AV002.md")),
    ("AV003", include_str!("../../i18n/ko/explain/AV003.md")),
    ("AV004", include_str!("../../i18n/ko/explain/AV004.md")),
    ("K8001", include_str!("../../i18n/ko/explain/K8001.md")),
    ("MS001", include_str!("../../i18n/ko/explain/MS001.md")),
    ("MS002", include_str!("../../i18n/ko/explain/MS002.md")),
    ("MS003", include_str!("../../i18n/ko/explain/MS003.md")),
    ("PF001", include_str!("../../i18n/ko/explain/PF001.md")),
    ("PF002", include_str!("../../i18n/ko/explain/PF002.md")),
    ("PF003", include_str!("../../i18n/ko/explain/PF003.md")),
    ("SE001", include_str!("../../i18n/ko/explain/SE001.md")),
    ("SE002", include_str!("../../i18n/ko/explain/SE002.md")),
    ("SE003", include_str!("../../i18n/ko/explain/SE003.md")),
    ("SE004", include_str!("../../i18n/ko/explain/SE004.md")),
];
