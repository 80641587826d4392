//! Diagnostics: what every stage reports (errors, warnings, lint findings).
//! In: spans and words from the stages. Out: compiler-style text
//! ([`human`]) and machine-readable JSON ([`json`]).

pub mod codes;
pub mod human;
pub mod json;
pub mod sarif;

use crate::i18n::{Lang, Message};
use crate::source::Span;
use serde::Serialize;
use std::fmt;

/// Text given to a diagnostic: a [`Message`] (shown in the output's
/// language) or plain text (shown as it is).
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    /// Not translated.
    Plain(String),
    /// A message of the `.ftl` files.
    Message(Message),
}

impl Text {
    /// The text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Text::Plain(s) => s.clone(),
            Text::Message(m) => m.text(lang),
        }
    }

    fn message(self) -> Option<Message> {
        match self {
            Text::Plain(_) => None,
            Text::Message(m) => Some(m),
        }
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Plain(s)
    }
}
impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text::Plain(s.clone())
    }
}
impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_string())
    }
}
impl From<Message> for Text {
    fn from(m: Message) -> Self {
        Text::Message(m)
    }
}

/// The messages a diagnostic's texts were made from, to show them in
/// another language ([`Diagnostic::in_lang`]). `None`: plain text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sources {
    /// Of [`Diagnostic::message`].
    pub message: Option<Message>,
    /// Of [`Diagnostic::span_message`].
    pub span_message: Option<Message>,
    /// Of each label's message, in order.
    pub labels: Vec<Option<Message>>,
    /// Of [`Diagnostic::help`].
    pub help: Option<Message>,
}

/// How serious a diagnostic is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run unless `--fail-on info`.
    Info,
    /// Probably a mistake.
    Warning,
    /// Certainly wrong.
    Error,
}

impl Severity {
    /// The lowercase word used in output (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place in the source that explains the main one
/// (e.g. "first declared here" for a duplicate ID).
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there, in a few words.
    pub message: String,
}

/// One message about the input, anchored at a span.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// Stable code: `E0xxx` for compile errors, `W0xxx` for compile warnings,
    /// rule codes (`AV001`, ...) for lint findings.
    pub code: &'static str,
    /// Kebab-case name of the code (`duplicate-id`, `single-instance`).
    pub name: &'static str,
    /// One line, lowercase, no final period.
    pub message: String,
    /// The main place.
    pub span: Span,
    /// Text under the caret at the main place.
    pub span_message: Option<String>,
    /// Other places that explain this one.
    pub labels: Vec<Label>,
    /// One concrete fix, when known.
    pub help: Option<String>,
    /// IDs of the elements the diagnostic is about.
    pub subjects: Vec<String>,
    /// Switched off by an `allow` attribute: reported, but does not fail the run.
    pub suppressed: bool,
    /// Stable identity of a lint finding across runs (set by the lint engine).
    pub fingerprint: Option<String>,
    /// The messages the texts above were made from.
    pub sources: Sources,
}

impl Diagnostic {
    /// A new diagnostic with no labels, help or subjects. Its texts are
    /// English; [`Diagnostic::in_lang`] gives them in another language.
    pub fn new(
        severity: Severity,
        code: &'static str,
        name: &'static str,
        message: impl Into<Text>,
        span: Span,
    ) -> Self {
        let message = message.into();
        Diagnostic {
            severity,
            code,
            name,
            message: message.text(Lang::En),
            span,
            span_message: None,
            labels: Vec::new(),
            help: None,
            subjects: Vec::new(),
            suppressed: false,
            fingerprint: None,
            sources: Sources {
                message: message.message(),
                ..Sources::default()
            },
        }
    }

    /// Adds the text shown under the caret.
    pub fn with_span_message(mut self, message: impl Into<Text>) -> Self {
        let message = message.into();
        self.span_message = Some(message.text(Lang::En));
        self.sources.span_message = message.message();
        self
    }

    /// Adds a secondary label.
    pub fn with_label(mut self, span: Span, message: impl Into<Text>) -> Self {
        let message = message.into();
        self.labels.push(Label {
            span,
            message: message.text(Lang::En),
        });
        self.sources.labels.push(message.message());
        self
    }

    /// Adds the `help:` line.
    pub fn with_help(mut self, help: impl Into<Text>) -> Self {
        let help = help.into();
        self.help = Some(help.text(Lang::En));
        self.sources.help = help.message();
        self
    }

    /// Adds an optional `help:` line.
    pub fn with_help_opt(self, help: Option<impl Into<Text>>) -> Self {
        match help {
            Some(help) => self.with_help(help),
            None => Diagnostic {
                help: None,
                sources: Sources {
                    help: None,
                    ..self.sources
                },
                ..self
            },
        }
    }

    /// The diagnostic with its texts in `lang`: each text made from a
    /// message is made again in that language; plain texts stay.
    pub fn in_lang(&self, lang: Lang) -> Diagnostic {
        let mut d = self.clone();
        if lang == Lang::En {
            return d;
        }
        if let Some(m) = &self.sources.message {
            d.message = m.text(lang);
        }
        if let Some(m) = &self.sources.span_message {
            d.span_message = Some(m.text(lang));
        }
        for (label, m) in d.labels.iter_mut().zip(&self.sources.labels) {
            if let Some(m) = m {
                label.message = m.text(lang);
            }
        }
        if let Some(m) = &self.sources.help {
            d.help = Some(m.text(lang));
        }
        d
    }

    /// Whether every text of the diagnostic comes from a message (so that
    /// it can be shown in every language).
    pub fn is_localized(&self) -> bool {
        let s = &self.sources;
        s.message.is_some()
            && (self.span_message.is_none() || s.span_message.is_some())
            && (self.help.is_none() || s.help.is_some())
            && s.labels.len() == self.labels.len()
            && s.labels.iter().all(Option::is_some)
    }

    /// Sets the subjects (element IDs).
    pub fn with_subjects<I, S>(mut self, subjects: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.subjects = subjects.into_iter().map(Into::into).collect();
        self
    }

    /// The stable fingerprint: the lint engine's, or for other diagnostics
    /// one made from the code, the subjects and the message.
    pub fn fingerprint(&self) -> String {
        self.fingerprint.clone().unwrap_or_else(|| {
            let mut key = self.subjects.clone();
            key.push(self.message.clone());
            fingerprint(self.code, &key)
        })
    }

    /// Whether this is an error that stops compilation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error && !self.suppressed
    }
}

/// Sorts diagnostics by position, then code, so output is deterministic.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            b.code,
            &b.message,
        ))
    });
}

/// A stable fingerprint: FNV-1a (64 bits) of the code and the subjects, in hex.
/// The same design gives the same fingerprints; moving text around does not change them.
pub fn fingerprint(code: &str, subjects: &[String]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(code)
        .chain(subjects.iter().map(String::as_str))
        .flat_map(|s| s.bytes().chain([0]))
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
