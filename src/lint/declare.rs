//! `declare_rule!`: a rule's doc comment becomes both its rustdoc and the
//! text `cloudgram explain` prints, so the two can never drift apart.

/// Declares a rule type with its metadata as `TYPE::META`, and implements
/// [`crate::lint::Declared`] (its `meta()`), so a rule file only writes `check`.
///
/// ```text
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub struct SingleInstance {
///         code: "AV001", name: "single-instance", category: Availability,
///         severity: Warning, summary: "...",
///     }
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $ty:ident {
            code: $code:literal,
            name: $name:literal,
            category: $cat:ident,
            severity: $sev:ident,
            summary: $summary:literal,
            $(params: [$($pname:literal = $pdef:literal => $pdesc:literal),* $(,)?],)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $ty;

        impl $ty {
            /// The rule's code, name, category, severity, summary and manual.
            pub const META: $crate::lint::RuleMeta = $crate::lint::RuleMeta {
                code: $code,
                name: $name,
                category: $crate::lint::Category::$cat,
                severity: $crate::diagnostic::Severity::$sev,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
                params: &[$($($crate::lint::Param {
                    name: $pname,
                    default: $pdef,
                    description: $pdesc,
                }),*)?],
            };
        }

        impl $crate::lint::Declared for $ty {
            fn meta(&self) -> &'static $crate::lint::RuleMeta {
                &Self::META
            }
        }
    };
}
