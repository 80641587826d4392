//! `cloudgram describe KIND|TOPIC [--lang en|ko]`: a study guide. In: a kind
//! (or alias) of the catalog or an interview topic. Out: what it is, its
//! scope and zone failure, quoted figures with sources, when to choose it,
//! the lint rules that concern it and a `.cgr` snippet, in English or Korean.
//!
//! The prose is data: one TOML file per entry and language under
//! `describe/{en,ko}/{kinds,topics}/`, built in with `include_str!`. What the
//! code already knows (aliases, category, capacity, failover time, the rules
//! that concern a kind) is generated from the catalog and the rule registry.

use super::io::say;
use super::{EXIT_INVALID, EXIT_OK};
use crate::i18n::Lang;
use crate::lint;
use crate::model::catalog::{self, KINDS, KindInfo, Tag};
use crate::model::suggest;
use crate::text::display_columns;
use serde::Deserialize;

/// The arguments of `describe` (its language is the global `--lang`, or
/// the locale: see [`crate::i18n::detect`]).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A kind or alias (`rds`, `postgres`, `eks`) or a topic (`msa`,
    /// `scaling-to-1m`, ...); without it, everything that can be described
    /// is listed.
    pub name: Option<String>,
}

/// Lists the built-in files: `entries!(kinds: [...], topics: [...])` makes
/// one `(name, English text, Korean text)` row per entry.
macro_rules! entries {
    (kinds: [$($kind:literal),* $(,)?], topics: [$($topic:literal),* $(,)?]) => {
        /// Every kind's guide: name, English TOML, Korean TOML.
        pub const KIND_FILES: &[(&str, &str, &str)] = &[$((
            $kind,
            include_str!(concat!("../../describe/en/kinds/", $kind, ".toml")),
            include_str!(concat!("../../describe/ko/kinds/", $kind, ".toml")),
        )),*];
        /// Every topic's guide: name, English TOML, Korean TOML.
        pub const TOPIC_FILES: &[(&str, &str, &str)] = &[$((
            $topic,
            include_str!(concat!("../../describe/en/topics/", $topic, ".toml")),
            include_str!(concat!("../../describe/ko/topics/", $topic, ".toml")),
        )),*];
    };
}

entries!(
    kinds: [
        "region", "vpc", "az", "subnet", "group", "k8s", "namespace", "onprem", "cloud", "edge",
        "private_5g", "client", "internet", "external", "alb", "nlb", "api_gateway", "cloudfront",
        "route53", "nat", "igw", "waf", "shield", "vpn", "direct_connect", "transit_gateway",
        "bastion", "ec2", "lambda", "ecs", "container", "service", "gpu", "batch", "s3", "efs",
        "rds", "aurora", "dynamodb", "elasticache", "documentdb", "opensearch",
        "opensearch_serverless", "database", "sqs", "sns", "kinesis", "kafka", "eventbridge",
        "step_functions", "deployment", "statefulset", "pod", "k8s_service", "ingress", "hpa",
        "registry", "config_server", "mesh", "iam", "cognito", "kms", "secrets", "monitoring",
        "logging", "tracing", "llm", "embedding", "vectordb", "guardrail", "training",
        "inference", "notebook", "feature_store", "model_registry", "pipeline", "data_lake",
        "gnb", "upf", "core_5g", "device",
    ],
    topics: [
        "msa", "api-gateway", "service-discovery", "container-vs-vm", "kubernetes", "acid",
        "rdbms-vs-nosql", "rag", "mlops", "private-5g", "hpc", "scaling-to-1m",
    ]
);

/// Korean one-line summaries of the lint rules (the registry holds the
/// English ones).
const KO_RULES: &str = include_str!("../../describe/ko/rules.toml");

/// One quoted figure and where it comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The figure, in a sentence.
    pub fact: String,
    /// The provider's document it is quoted from.
    pub source: String,
    /// Its address.
    #[serde(default)]
    pub url: String,
}

/// One entry of the guide, in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The product or subject, as people name it.
    pub title: String,
    /// What it is, in about two sentences.
    pub what: String,
    /// Kinds: `zonal`, `regional`, `global`, `site`, `logical` or `outside`.
    #[serde(default)]
    pub scope: String,
    /// Kinds: what a zone failure does to it.
    #[serde(default)]
    pub zone_failure: String,
    /// Figures people quote, with their sources (none where none is sure).
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Kinds: when to choose it.
    #[serde(default)]
    pub choose: String,
    /// Kinds: the usual alternative.
    #[serde(default)]
    pub alternative: String,
    /// Topics: the points to know, one paragraph each.
    #[serde(default)]
    pub points: Vec<String>,
    /// Topics: the catalog kinds it involves.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Topics: lint rules (codes) that check it.
    #[serde(default)]
    pub rules: Vec<String>,
    /// A small design that compiles.
    pub snippet: String,
}

/// The scopes an entry may state.
pub const SCOPES: &[&str] = &["zonal", "regional", "global", "site", "logical", "outside"];

impl Entry {
    /// Parses one file of the guide.
    pub fn parse(text: &str) -> Result<Entry, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The fields a kind's entry must fill, or a topic's, that are empty.
    pub fn missing(&self, topic: bool) -> Vec<&'static str> {
        let mut fields = vec![
            ("title", self.title.trim().is_empty()),
            ("what", self.what.trim().is_empty()),
            ("snippet", self.snippet.trim().is_empty()),
        ];
        if topic {
            fields.push(("points", self.points.iter().all(|p| p.trim().is_empty())));
            fields.push(("kinds", self.kinds.is_empty()));
        } else {
            fields.push(("scope", !SCOPES.contains(&self.scope.as_str())));
            fields.push(("zone_failure", self.zone_failure.trim().is_empty()));
            fields.push(("choose", self.choose.trim().is_empty()));
            fields.push(("alternative", self.alternative.trim().is_empty()));
        }
        fields.push((
            "figures",
            self.figures
                .iter()
                .any(|f| f.fact.trim().is_empty() || f.source.trim().is_empty()),
        ));
        fields
            .into_iter()
            .filter_map(|(name, empty)| empty.then_some(name))
            .collect()
    }
}

/// The text of one entry in one language: a kind (by canonical name) or a topic.
pub fn source(name: &str, topic: bool, lang: Lang) -> Option<&'static str> {
    let files = if topic { TOPIC_FILES } else { KIND_FILES };
    files
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, en, ko)| if lang == Lang::Ko { *ko } else { *en })
}

/// Whether lint rule `code` concerns kind `k`: read from the kind's roles
/// and marks in the catalog, the same ones the rule tests. `None` for a code
/// this table does not know (a test keeps it complete).
pub fn concerns(code: &str, k: &KindInfo) -> Option<bool> {
    let t = k.traits;
    let plain_compute = t.compute && !t.managed_ha;
    let outside_entry = t.entry && t.outside;
    Some(match code {
        "AI001" => k.is(Tag::Llm) || k.is(Tag::Guardrail),
        "AI002" => k.is(Tag::Llm),
        "AI003" => k.is(Tag::Training) || k.is(Tag::Durable),
        "AV001" => plain_compute,
        "AV002" => t.zonal && !t.container && !t.admin,
        "AV003" => (t.compute || t.datastore) && t.zonal,
        "AV004" => k.is(Tag::Failover),
        "AV005" | "SE006" | "MS001" => t.datastore,
        "AV006" => k.is(Tag::Cache),
        "AV007" => t.link,
        "AV008" => k.availability.is_some(),
        "K8001" => k.is(Tag::Deployment),
        "K8002" => k.is(Tag::K8sService),
        "K8003" => k.is(Tag::Ingress) || k.is(Tag::K8sService),
        "K8004" => k.is(Tag::Autoscaler) || k.is(Tag::Scalable),
        "MS002" | "MS004" | "PF003" | "PF004" | "PF005" => k.is(Tag::Service),
        "MS003" => k.is(Tag::Service) || k.is(Tag::Router) || outside_entry,
        "MS005" => k.is(Tag::Discovery),
        "PF001" => plain_compute,
        "PF002" => k.capacity.is_some(),
        "PF006" => k.is(Tag::Queue) || k.is(Tag::Function),
        "PF007" => k.is(Tag::Throttles),
        "PF008" => k.is(Tag::Function) || k.is(Tag::Relational),
        "PF009" => plain_compute || outside_entry,
        "PF010" => k.is(Tag::Nat) || k.is(Tag::GatewayEndpoint),
        "PF011" => k.is(Tag::Region) || k.is(Tag::Service) || t.datastore,
        "SE001" | "SE008" => t.datastore || k.is(Tag::Subnet),
        "SE002" => t.datastore || outside_entry,
        "SE003" => outside_entry || k.is(Tag::Subnet),
        "SE004" => plain_compute || k.is(Tag::Subnet),
        "SE005" => k.is(Tag::WafTarget) || k.is(Tag::Waf),
        "SE007" => t.admin || plain_compute,
        _ => return None,
    })
}

/// The lint rules that concern a kind, in code order.
pub fn rules_for(k: &KindInfo) -> Vec<&'static dyn lint::Rule> {
    lint::registry()
        .iter()
        .copied()
        .filter(|r| concerns(r.code(), k) == Some(true))
        .collect()
}

/// The words of the guide's frame in one language.
struct Words {
    aliases: &'static str,
    category: &'static str,
    scope: &'static str,
    what: &'static str,
    zone: &'static str,
    figures: &'static str,
    source: &'static str,
    choose: &'static str,
    alternative: &'static str,
    model: &'static str,
    capacity: &'static str,
    per_replica: &'static str,
    failover: &'static str,
    availability: &'static str,
    roles: &'static str,
    rules: &'static str,
    no_rules: &'static str,
    explain: &'static str,
    points: &'static str,
    kinds: &'static str,
    example: &'static str,
    list_kinds: &'static str,
    list_topics: &'static str,
    list_hint: &'static str,
}

const EN: Words = Words {
    aliases: "aliases",
    category: "category",
    scope: "scope",
    what: "What it is",
    zone: "Scope and zone failure",
    figures: "Figures people quote",
    source: "source",
    choose: "When to choose it",
    alternative: "Usual alternative",
    model: "In cloudgram's model",
    capacity: "capacity when unstated",
    per_replica: "per replica",
    failover: "failover with `multi_az`",
    availability: "availability assumed",
    roles: "roles",
    rules: "Lint rules that concern it",
    no_rules: "no lint rule looks at this kind by itself",
    explain: "`cloudgram explain CODE` prints a rule's manual",
    points: "What to know",
    kinds: "Kinds involved",
    example: "Example (compiles as is)",
    list_kinds: "Kinds (cloudgram describe KIND)",
    list_topics: "Topics (cloudgram describe TOPIC)",
    list_hint: "aliases work too (`cloudgram describe postgres`); --lang ko for Korean",
};

const KO: Words = Words {
    aliases: "별칭",
    category: "분류",
    scope: "범위",
    what: "무엇인가",
    zone: "범위와 AZ 장애",
    figures: "자주 인용되는 수치",
    source: "출처",
    choose: "언제 선택하나",
    alternative: "흔한 대안",
    model: "cloudgram 모델에서는",
    capacity: "capacity 미지정 시 처리량",
    per_replica: "(복제본 하나당)",
    failover: "`multi_az` 장애 조치 시간",
    availability: "가정하는 가용성",
    roles: "역할",
    rules: "관련 린트 규칙",
    no_rules: "이 종류만 따로 검사하는 린트 규칙은 없습니다",
    explain: "`cloudgram explain 코드`로 규칙 설명서를 볼 수 있습니다",
    points: "알아야 할 것",
    kinds: "관련 종류",
    example: "예시 (그대로 컴파일됩니다)",
    list_kinds: "종류 (cloudgram describe 종류)",
    list_topics: "주제 (cloudgram describe 주제)",
    list_hint: "별칭도 됩니다 (`cloudgram describe postgres`). 영어는 --lang en",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

/// A scope in words.
fn scope_words(scope: &str, lang: Lang) -> &'static str {
    match (scope, lang) {
        ("zonal", Lang::En) => "zonal: it lives in one availability zone",
        ("regional", Lang::En) => "regional: the provider spreads it over the zones of a region",
        ("global", Lang::En) => "global: not tied to one region",
        ("site", Lang::En) => "a site: it holds what runs there",
        ("logical", Lang::En) => "logical: a grouping with no failure domain of its own",
        ("outside", Lang::En) => "outside your design: its failures are not yours to fix",
        ("zonal", Lang::Ko) => "AZ 단위(zonal): 하나의 가용 영역에 있습니다",
        ("regional", Lang::Ko) => {
            "리전 단위(regional): 제공자가 리전의 여러 가용 영역에 분산합니다"
        }
        ("global", Lang::Ko) => "글로벌(global): 특정 리전에 묶이지 않습니다",
        ("site", Lang::Ko) => "사이트: 그 안에서 실행되는 것들을 담습니다",
        ("logical", Lang::Ko) => "논리적 묶음: 그 자체로는 장애 영역이 아닙니다",
        ("outside", Lang::Ko) => "설계 밖: 그 장애는 직접 고칠 수 없습니다",
        _ => "",
    }
}

/// A role of `cloudgram kinds` in the guide's language.
fn role_words(role: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::En {
        return role;
    }
    match role {
        "entry" => "진입점",
        "outside" => "설계 밖",
        "compute" => "컴퓨팅",
        "datastore" => "데이터 저장소",
        "balancer" => "로드 밸런서",
        "pass-through" => "통과형",
        "admin-host" => "관리 호스트",
        "egress" => "인터넷 송신",
        "link" => "사설 회선",
        "zone" => "가용 영역",
        "managed-ha" => "관리형 고가용성",
        "zonal" => "AZ 단위",
        other => other,
    }
}

/// The Korean summary of a rule, or its English one.
fn rule_summary(r: &dyn lint::Rule, lang: Lang) -> String {
    if lang == Lang::Ko
        && let Ok(table) = KO_RULES.parse::<toml::Table>()
        && let Some(s) = table.get(r.code()).and_then(|v| v.as_str())
    {
        return s.to_string();
    }
    r.summary().to_string()
}

/// `text` with trailing spaces to fill `columns` terminal columns (wide
/// characters count two).
fn pad(text: &str, columns: usize) -> String {
    let width = display_columns(text);
    format!("{text}{}", " ".repeat(columns.saturating_sub(width)))
}

/// Wraps a paragraph at `width` terminal columns (wide characters count
/// two), each line indented by `indent`; blank lines in the text stay.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, para) in text.trim().split("\n\n").enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty()
                && display_columns(indent) + display_columns(&line) + 1 + display_columns(word)
                    > width
            {
                out.push_str(&format!("{indent}{line}\n"));
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        if !line.is_empty() {
            out.push_str(&format!("{indent}{line}\n"));
        }
    }
    out
}

const WIDTH: usize = 80;

/// Key–value lines with the keys padded to one width (in columns).
fn table(rows: &[(&str, String)]) -> String {
    let w = rows
        .iter()
        .map(|(k, _)| display_columns(k))
        .max()
        .unwrap_or(0);
    rows.iter()
        .map(|(k, v)| format!("  {}  {v}\n", pad(k, w)))
        .collect()
}

fn figures(out: &mut String, entry: &Entry, w: &Words) {
    if entry.figures.is_empty() {
        return;
    }
    out.push_str(&format!("\n{}\n", w.figures));
    for f in &entry.figures {
        let first = wrap(&f.fact, "    ", WIDTH);
        out.push_str(&format!("  -{}", &first[3..]));
        let url = if f.url.is_empty() {
            String::new()
        } else {
            format!(" <{}>", f.url)
        };
        out.push_str(&wrap(
            &format!("({}: {}{url})", w.source, f.source),
            "    ",
            WIDTH,
        ));
    }
}

fn snippet(out: &mut String, entry: &Entry, w: &Words) {
    out.push_str(&format!("\n{}\n", w.example));
    for line in entry.snippet.trim_end().lines() {
        out.push_str(format!("  {line}").trim_end());
        out.push('\n');
    }
}

/// A kind's guide.
pub fn render_kind(k: &KindInfo, entry: &Entry, lang: Lang) -> String {
    let w = words(lang);
    let mut out = format!("{} — {}\n", k.name, entry.title.trim());
    let mut rows = vec![(w.category, super::kinds::category(k))];
    if !k.aliases.is_empty() {
        rows.push((w.aliases, k.aliases.join(", ")));
    }
    rows.push((w.scope, scope_words(&entry.scope, lang).to_string()));
    out.push_str(&table(&rows));
    out.push_str(&format!("\n{}\n", w.what));
    out.push_str(&wrap(&entry.what, "  ", WIDTH));
    out.push_str(&format!("\n{}\n", w.zone));
    out.push_str(&wrap(&entry.zone_failure, "  ", WIDTH));
    figures(&mut out, entry, w);
    out.push_str(&format!("\n{}\n", w.choose));
    out.push_str(&wrap(&entry.choose, "  ", WIDTH));
    out.push_str(&format!("\n{}\n", w.alternative));
    out.push_str(&wrap(&entry.alternative, "  ", WIDTH));

    // What the code itself assumes: the same figures `simulate` and `fail` use.
    let mut model = vec![];
    let roles = super::kinds::roles(k);
    if !roles.is_empty() {
        let roles: Vec<&str> = roles.iter().map(|r| role_words(r, lang)).collect();
        model.push((w.roles, roles.join(", ")));
    }
    if let Some(c) = k.capacity {
        model.push((
            w.capacity,
            format!("{c} rps {} (PF002, simulate)", w.per_replica),
        ));
    }
    if k.is(Tag::Failover) {
        let (lo, hi) = crate::graph::fail::failover_seconds(k.name);
        let time = if lo == hi {
            format!("~{lo} s")
        } else {
            format!("{lo}–{hi} s")
        };
        model.push((w.failover, format!("{time} (fail)")));
    }
    if let Some(a) = k.availability {
        model.push((w.availability, format!("{}% (AV008)", a * 100.0)));
    }
    if !model.is_empty() {
        out.push_str(&format!("\n{}\n", w.model));
        out.push_str(&table(&model));
    }

    out.push_str(&format!("\n{}\n", w.rules));
    let rules = rules_for(k);
    if rules.is_empty() {
        out.push_str(&format!("  {}\n", w.no_rules));
    } else {
        rule_lines(&mut out, &rules, lang);
    }
    snippet(&mut out, entry, w);
    out
}

fn rule_lines(out: &mut String, rules: &[&'static dyn lint::Rule], lang: Lang) {
    // The summary column starts after the code and the longest rule name;
    // a long summary wraps under itself.
    let indent = " ".repeat(2 + 6 + 1 + 29 + 1);
    for r in rules {
        let summary = wrap(&rule_summary(*r, lang), &indent, WIDTH);
        out.push_str(&format!(
            "  {:<6} {:<29} {}",
            r.code(),
            r.name(),
            &summary[indent.len()..]
        ));
    }
    out.push_str(&format!("  ({})\n", words(lang).explain));
}

/// A topic's guide.
pub fn render_topic(name: &str, entry: &Entry, lang: Lang) -> String {
    let w = words(lang);
    let mut out = format!("{name} — {}\n\n", entry.title.trim());
    out.push_str(&wrap(&entry.what, "  ", WIDTH));
    out.push_str(&format!("\n{}\n", w.points));
    for (i, p) in entry.points.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // A point may number itself (`1. ...`); the others get a dash.
        let (marker, body) = match p.trim().split_once(' ') {
            Some((n, rest))
                if n.ends_with('.') && n[..n.len() - 1].chars().all(|c| c.is_ascii_digit()) =>
            {
                (n, rest)
            }
            _ => ("-", p.trim()),
        };
        let indent = " ".repeat(2 + marker.len() + 1);
        let text = wrap(body, &indent, WIDTH);
        out.push_str(&format!("  {marker} {}", &text[indent.len()..]));
    }
    figures(&mut out, entry, w);
    out.push_str(&format!("\n{}\n", w.kinds));
    let kinds: Vec<&KindInfo> = entry
        .kinds
        .iter()
        .filter_map(|k| catalog::lookup(k))
        .collect();
    let width = kinds.iter().map(|k| k.name.len()).max().unwrap_or(0);
    for k in kinds {
        let title = source(k.name, false, lang)
            .and_then(|t| Entry::parse(t).ok())
            .map_or_else(|| k.description.to_string(), |e| e.title.trim().to_string());
        out.push_str(&format!("  {:<width$}  {title}\n", k.name));
    }
    let rules: Vec<&'static dyn lint::Rule> =
        entry.rules.iter().filter_map(|c| lint::find(c)).collect();
    if !rules.is_empty() {
        out.push_str(&format!("\n{}\n", w.rules));
        rule_lines(&mut out, &rules, lang);
    }
    snippet(&mut out, entry, w);
    if let Some(k) = catalog::lookup(name) {
        let line = match lang {
            Lang::En => format!(
                "`{name}` is also an alias of the kind `{}`: see `cloudgram describe {}`",
                k.name, k.name
            ),
            Lang::Ko => format!(
                "`{name}`은(는) 종류 `{}`의 별칭이기도 합니다. 종류 설명은 `cloudgram describe {}`",
                k.name, k.name
            ),
        };
        out.push_str(&format!("\n{line}\n"));
    }
    out
}

/// The list of everything that can be described.
fn render_list(lang: Lang) -> String {
    let w = words(lang);
    let mut out = format!("{}\n", w.list_kinds);
    let mut category = String::new();
    for k in KINDS {
        let c = super::kinds::category(k);
        if c != category {
            out.push_str(&format!("  {c}:\n"));
            category = c;
        }
        let title = source(k.name, false, lang)
            .and_then(|t| Entry::parse(t).ok())
            .map_or_else(|| k.description.to_string(), |e| e.title.trim().to_string());
        out.push_str(&format!("    {:<22} {title}\n", k.name));
    }
    out.push_str(&format!("\n{}\n", w.list_topics));
    for (name, _, _) in TOPIC_FILES {
        let title = source(name, true, lang)
            .and_then(|t| Entry::parse(t).ok())
            .map(|e| e.title.trim().to_string())
            .unwrap_or_default();
        out.push_str(&format!("  {name:<20} {title}\n"));
    }
    out.push_str(&format!("\n{}\n", w.list_hint));
    out
}

/// What `describe NAME` prints, or `None` for a name that is no kind,
/// alias or topic. A topic wins over a kind alias of the same name
/// (`kubernetes`, `mlops`, `hpc`), and says so.
pub fn describe(name: &str, lang: Lang) -> Option<Result<String, String>> {
    let lower = name.to_ascii_lowercase();
    if let Some(text) = source(&lower, true, lang) {
        return Some(Entry::parse(text).map(|e| render_topic(&lower, &e, lang)));
    }
    let k = catalog::lookup(&lower)?;
    let text = source(k.name, false, lang)?;
    Some(Entry::parse(text).map(|e| render_kind(k, &e, lang)))
}

/// Runs `describe`.
pub fn run(args: &Args) -> u8 {
    let lang = crate::i18n::current();
    let Some(name) = &args.name else {
        super::io::stdout(render_list(lang).as_bytes());
        return EXIT_OK;
    };
    match describe(name, lang) {
        Some(Ok(text)) => {
            super::io::stdout(text.as_bytes());
            EXIT_OK
        }
        Some(Err(e)) => {
            say!("error: the guide to `{name}` is damaged: {e}");
            EXIT_INVALID
        }
        None => {
            let candidates = catalog::all_names().chain(TOPIC_FILES.iter().map(|(n, _, _)| *n));
            let suggestion = suggest::did_you_mean(name, candidates);
            match lang {
                Lang::En => {
                    say!(
                        "error: nothing to describe under `{name}`: no kind, alias or topic has this name"
                    );
                    match suggestion {
                        Some(s) => say!("help: did you mean `{s}`?"),
                        None => say!("help: `cloudgram describe` lists every kind and topic"),
                    }
                }
                Lang::Ko => {
                    say!(
                        "error: `{name}`에 대한 설명이 없습니다: 이런 이름의 종류, 별칭, 주제가 없습니다"
                    );
                    match suggestion {
                        Some(s) => say!("help: `{s}`을(를) 찾으셨나요?"),
                        None => {
                            say!("help: `cloudgram describe`로 모든 종류와 주제를 볼 수 있습니다")
                        }
                    }
                }
            }
            EXIT_INVALID
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_pick_the_language() {
        for (locale, lang) in [
            ("ko_KR.UTF-8", Lang::Ko),
            ("ko", Lang::Ko),
            ("ko-KR", Lang::Ko),
            ("en_US.UTF-8", Lang::En),
            ("C", Lang::En),
            ("", Lang::En),
            ("kok_IN", Lang::En),
        ] {
            let got = crate::i18n::from_locale(locale).unwrap_or_default();
            assert_eq!(got, lang, "{locale}");
        }
    }

    #[test]
    fn every_rule_says_which_kinds_it_concerns() {
        let k = catalog::lookup("ec2").unwrap();
        for r in lint::registry() {
            assert!(
                concerns(r.code(), k).is_some(),
                "`concerns` does not know {}: say which kinds it concerns",
                r.code()
            );
        }
    }

    #[test]
    fn every_rule_concerns_some_kind_and_has_a_korean_summary() {
        let table: toml::Table = KO_RULES.parse().unwrap();
        for r in lint::registry() {
            assert!(
                KINDS.iter().any(|k| concerns(r.code(), k) == Some(true)),
                "{} concerns no kind",
                r.code()
            );
            assert!(
                table
                    .get(r.code())
                    .and_then(|v| v.as_str())
                    .is_some_and(|s| !s.is_empty()),
                "{} has no Korean summary in describe/ko/rules.toml",
                r.code()
            );
        }
    }

    #[test]
    fn the_built_in_list_matches_the_folder() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/describe");
        for (dir, files) in [("kinds", KIND_FILES), ("topics", TOPIC_FILES)] {
            for lang in ["en", "ko"] {
                let mut on_disk: Vec<String> = std::fs::read_dir(format!("{root}/{lang}/{dir}"))
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
                on_disk.sort();
                let mut listed: Vec<String> =
                    files.iter().map(|(n, _, _)| format!("{n}.toml")).collect();
                listed.sort();
                assert_eq!(
                    on_disk, listed,
                    "describe/{lang}/{dir} and the entries! list"
                );
            }
        }
    }

    /// The table of [`concerns`] agrees with the rules themselves: on each
    /// rule's own `## Example`, every finding of the rule is about at least
    /// one element of a kind the table says it concerns.
    #[test]
    fn the_rules_fire_on_kinds_they_are_said_to_concern() {
        let mut checked = 0;
        for r in lint::registry() {
            let doc = r.explanation();
            let Some(example) = doc.split("## Example").nth(1) else {
                continue;
            };
            let Some(code) = example
                .split("```cgr\n")
                .nth(1)
                .and_then(|c| c.split("```").next())
            else {
                continue;
            };
            let c = crate::compile::check(&crate::source::SourceFile::new("example.cgr", code));
            let Some(arch) = &c.arch else { continue };
            for d in c.diagnostics.iter().filter(|d| d.code == r.code()) {
                checked += 1;
                let kinds: Vec<&str> = d
                    .subjects
                    .iter()
                    .filter_map(|id| arch.find(id))
                    .map(|id| arch.element(id).kind.name)
                    .collect();
                assert!(
                    kinds
                        .iter()
                        .any(|k| concerns(r.code(), catalog::lookup(k).unwrap()) == Some(true)),
                    "{} fires on {kinds:?} in its example, none of which `concerns` names",
                    r.code()
                );
            }
        }
        assert!(checked >= 30, "only {checked} findings checked");
    }

    #[test]
    fn every_role_has_korean_words() {
        for k in KINDS {
            for r in super::super::kinds::roles(k) {
                assert_ne!(role_words(r, Lang::Ko), r, "role `{r}` has no Korean words");
            }
        }
    }

    #[test]
    fn every_kind_has_an_entry() {
        for k in KINDS {
            assert!(source(k.name, false, Lang::En).is_some(), "{}", k.name);
        }
    }

    #[test]
    fn wrapping_counts_wide_characters_twice() {
        let text = "가용 영역 ".repeat(20);
        for line in wrap(&text, "  ", 40).lines() {
            assert!(display_columns(line) <= 40, "{line}");
        }
        assert_eq!(pad("범위", 6), "범위  ");
    }
}
