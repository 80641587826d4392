//! The language of the output: English (the default) or Korean. In: `--lang`
//! or the locale variables. Out: the text of a [`Message`] (an id and its
//! arguments) from the Fluent files `i18n/<lang>/cloudgram.ftl`, which are
//! built into the binary.
//!
//! Every message is written once per language in those files; code builds
//! a [`Message`] with [`msg!`](crate::msg) and never assembles words itself.
//! JSON and SARIF stay English (the machine contract); people's output
//! (human diagnostics, `explain`, `rules`, `kinds`, the CLI's own errors)
//! follows [`current`].

mod manuals;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Korean (한국어).
    Ko,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 code: `en`, `ko`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The Fluent source of the language (`i18n/<code>/cloudgram.ftl`).
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../i18n/en/cloudgram.ftl"),
            Lang::Ko => include_str!("../../i18n/ko/cloudgram.ftl"),
        }
    }
}

/// The language a locale value names (`ko_KR.UTF-8`, `ko`, `en_US`), or
/// `None` for a language cloudgram does not speak (English is then used).
pub fn from_locale(value: &str) -> Option<Lang> {
    let lang = value
        .split(['_', '.', '@', '-'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match lang.as_str() {
        "ko" => Some(Lang::Ko),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language of the output: `flag` (`--lang`) when given, else the
/// locale as POSIX orders it (the first of `LC_ALL`, `LC_MESSAGES` and
/// `LANG` that is set and not empty decides), else English.
pub fn detect(flag: Option<Lang>) -> Lang {
    flag.unwrap_or_else(|| detect_from(|name| std::env::var(name).ok()))
}

/// [`detect`] without a flag, reading the variables through `var`.
pub fn detect_from(var: impl Fn(&str) -> Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|v| !v.is_empty())
        .and_then(|v| from_locale(&v))
        .unwrap_or_default()
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of this process's output (the CLI does, once, from
/// `--lang` and the locale).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language of this process's output: English unless [`set`].
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Ko,
        _ => Lang::En,
    }
}

/// One message: a Fluent id and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The id in the `.ftl` files, e.g. `e0101`.
    pub id: &'static str,
    /// Named arguments, the Fluent variables of the message.
    pub args: Vec<(&'static str, Arg)>,
}

/// The value of a message argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text shown as it is (IDs, kinds, figures already formatted).
    Text(String),
    /// A count: Fluent picks the plural form by it.
    Count(i64),
    /// A message of its own, shown in the same language.
    Message(Message),
    /// A list shown as "a, b and c" (`or`: "a, b or c") in the language,
    /// with "and N more" past what is shown.
    List {
        /// The items shown.
        items: Vec<Arg>,
        /// How many more there are.
        more: usize,
        /// "or" rather than "and".
        or: bool,
    },
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<char> for Arg {
    fn from(c: char) -> Self {
        Arg::Text(c.to_string())
    }
}
impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(m)
    }
}
macro_rules! count_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
count_from!(i64, i32, u32, u64, usize);

/// Builds a [`Message`]: `msg!("e0101", id = name)`.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $key:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Message {
            id: $id,
            args: vec![$((stringify!($key), $crate::i18n::Arg::from($value))),*],
        }
    };
}

/// "a, b and c": a list of items in the language ([`Arg::List`]).
pub fn and_list(items: Vec<String>, more: usize) -> Arg {
    Arg::List {
        items: items.into_iter().map(Arg::Text).collect(),
        more,
        or: false,
    }
}

/// "a, b or c".
pub fn or_list(items: Vec<Arg>) -> Arg {
    Arg::List {
        items,
        more: 0,
        or: true,
    }
}

impl Arg {
    /// The argument as text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Arg::Text(s) => s.clone(),
            Arg::Count(n) => n.to_string(),
            Arg::Message(m) => m.text(lang),
            Arg::List { items, more, or } => {
                let items: Vec<String> = items.iter().map(|a| a.text(lang)).collect();
                list(lang, &items, *more, *or)
            }
        }
    }
}

impl Message {
    /// The message in `lang` (a Korean message that is missing falls back
    /// to English; a test makes sure none is).
    pub fn text(&self, lang: Lang) -> String {
        let mut args = FluentArgs::new();
        for (key, value) in &self.args {
            let value = match value {
                Arg::Count(n) => FluentValue::from(*n),
                other => FluentValue::from(other.text(lang)),
            };
            args.set(*key, value);
        }
        format(lang, self.id, Some(&args))
            .or_else(|| format(Lang::En, self.id, Some(&args)))
            .unwrap_or_else(|| {
                debug_assert!(false, "no message `{}`", self.id);
                self.id.to_string()
            })
    }
}

/// A message shows in the language of the output ([`current`]).
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(current()))
    }
}

/// The text of a message with no arguments.
pub fn tr(lang: Lang, id: &str) -> String {
    format(lang, id, None)
        .or_else(|| format(Lang::En, id, None))
        .unwrap_or_else(|| {
            debug_assert!(false, "no message `{id}`");
            id.to_string()
        })
}

/// Whether `lang` has a message `id` (e.g. an optional per-code text).
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

fn list(lang: Lang, items: &[String], more: usize, or: bool) -> String {
    let (id, last) = match (items.len(), more, or) {
        (0, _, _) => return String::new(),
        (1, 0, _) => return items[0].clone(),
        (_, 0, false) => ("list-and", items[items.len() - 1].clone()),
        (_, 0, true) => ("list-or", items[items.len() - 1].clone()),
        (_, _, _) => ("list-and-more", String::new()),
    };
    let head = if more > 0 {
        items.join(", ")
    } else {
        items[..items.len() - 1].join(", ")
    };
    let mut args = FluentArgs::new();
    args.set("head", FluentValue::from(head));
    args.set("last", FluentValue::from(last));
    args.set("more", FluentValue::from(more as i64));
    format(lang, id, Some(&args)).unwrap_or_default()
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static BUNDLES: [OnceLock<Bundle>; 2] = [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang as usize].get_or_init(|| make_bundle(lang))
}

/// A bundle of one language's messages, without Unicode isolation marks
/// around arguments (they would show in terminals and break column counts).
fn make_bundle(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().expect("a valid language code");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    let resource = FluentResource::try_new(lang.source().to_string())
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", lang.code()));
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("{}: {errors:?}", lang.code()));
    bundle
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    debug_assert!(errors.is_empty(), "{id} ({}): {errors:?}", lang.code());
    Some(text.into_owned())
}

/// The manual (`cloudgram explain`) of a rule or compile code in a language
/// other than English, from `i18n/<lang>/explain/<CODE>.md`; `None` when it
/// has none (English manuals are the rules' doc comments and
/// `diagnostic::codes`).
pub fn manual(lang: Lang, code: &str) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Ko => manuals::KO
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map(|(_, text)| *text),
    }
}

/// The ids of the messages of one language, in file order.
pub fn ids(lang: Lang) -> Vec<String> {
    let resource = FluentResource::try_new(lang.source().to_string())
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", lang.code()));
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            fluent_syntax::ast::Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_languages() {
        assert_eq!(from_locale("ko_KR.UTF-8"), Some(Lang::Ko));
        assert_eq!(from_locale("ko"), Some(Lang::Ko));
        assert_eq!(from_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(from_locale("C"), None);
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(detect_from(env(&[("LANG", "ko_KR.UTF-8")])), Lang::Ko);
        assert_eq!(
            detect_from(env(&[("LC_ALL", "C"), ("LANG", "ko_KR.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            detect_from(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "ko"),
                ("LANG", "en_US")
            ])),
            Lang::Ko
        );
        assert_eq!(detect_from(env(&[])), Lang::En);
        assert_eq!(detect(Some(Lang::En)), Lang::En);
    }

    #[test]
    fn every_message_has_both_languages() {
        let en = ids(Lang::En);
        let ko = ids(Lang::Ko);
        let missing_ko: Vec<_> = en.iter().filter(|id| !ko.contains(id)).collect();
        let missing_en: Vec<_> = ko.iter().filter(|id| !en.contains(id)).collect();
        assert!(missing_ko.is_empty(), "no Korean for {missing_ko:?}");
        assert!(missing_en.is_empty(), "no English for {missing_en:?}");
        let mut sorted = en.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), en.len(), "an id is defined twice");
    }

    #[test]
    fn arguments_are_not_isolated_and_lists_read_well() {
        let m = crate::msg!("list-and", head = "`a`, `b`", last = "`c`");
        assert_eq!(m.text(Lang::En), "`a`, `b` and `c`");
        assert!(!m.text(Lang::Ko).contains(['\u{2068}', '\u{2069}']));
        assert_eq!(
            list(Lang::En, &["`a`".into(), "`b`".into()], 3, false),
            "`a`, `b` and 3 more"
        );
        assert_eq!(list(Lang::En, &["x".into()], 0, true), "x");
    }
}
