//! The translated manuals of `cloudgram explain`, built into the binary.
//! Same sections as the English ones, with the same ```` ```cgr ```` examples.

/// Korean manuals: (code, text of `i18n/ko/explain/<CODE>.md`).
pub const KO: &[(&str, &str)] = &[];
