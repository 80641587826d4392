//! `cloudgram lsp`: a language server on standard input and output
//! (lsp-server frames the JSON-RPC, lsp-types types the messages). Open
//! documents are compiled and linted on every change and their diagnostics
//! published; it answers hover (kinds, attributes, IDs), completion (kinds,
//! attribute keys and values, declared IDs), go to definition of an ID and
//! formatting (the formatter of `cloudgram fmt`).

use super::io::say;
use super::{EXIT_INVALID, EXIT_OK};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{attrs, catalog};
use crate::source::SourceFile;
use crate::syntax::{self, Ast, Stmt};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;
use std::collections::HashMap;
use std::path::PathBuf;

/// Runs the server until the client says `exit` (or closes the connection).
pub fn run() -> u8 {
    let (connection, io_threads) = Connection::stdio();
    let capabilities = lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::FULL,
        )),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec!["[".into(), ",".into(), ">".into(), ":".into()]),
            ..Default::default()
        }),
        definition_provider: Some(lsp::OneOf::Left(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        ..Default::default()
    };
    let capabilities = serde_json::to_value(capabilities).expect("capabilities serialize");
    if let Err(e) = connection.initialize(capabilities) {
        say!("error: the language client did not initialize: {e}");
        return EXIT_INVALID;
    }
    let mut server = Server {
        connection: &connection,
        documents: HashMap::new(),
    };
    let mut status = EXIT_OK;
    for message in &connection.receiver {
        match message {
            Message::Request(request) => match connection.handle_shutdown(&request) {
                Ok(true) => break,
                Ok(false) => server.request(request),
                Err(e) => {
                    say!("error: {e}");
                    status = EXIT_INVALID;
                    break;
                }
            },
            Message::Notification(n) => server.notification(n),
            Message::Response(_) => {}
        }
    }
    drop(server);
    drop(connection);
    if let Err(e) = io_threads.join() {
        say!("error: the connection to the language client failed: {e}");
        return EXIT_INVALID;
    }
    status
}

/// An open document.
struct Document {
    text: String,
    /// Byte offset of the start of each line (after `\n`, `\r\n` or `\r`).
    lines: Vec<usize>,
}

impl Document {
    fn new(text: String) -> Document {
        let mut lines = vec![0];
        let bytes = text.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            match b {
                b'\n' => lines.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => lines.push(i + 1),
                _ => {}
            }
        }
        Document { text, lines }
    }

    /// The LSP position (line, UTF-16 column) of a byte offset.
    fn position(&self, offset: usize) -> lsp::Position {
        let offset = offset.min(self.text.len());
        let line = self.lines.partition_point(|s| *s <= offset) - 1;
        let start = self.lines[line];
        let column: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        lsp::Position::new(line as u32, column as u32)
    }

    /// The byte offset of an LSP position (clamped to its line and the text).
    fn offset(&self, p: lsp::Position) -> usize {
        let Some(start) = self.lines.get(p.line as usize).copied() else {
            return self.text.len();
        };
        let end = self
            .lines
            .get(p.line as usize + 1)
            .copied()
            .unwrap_or(self.text.len());
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= p.character as usize || c == '\n' || c == '\r' {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    fn range(&self, span: crate::source::Span) -> lsp::Range {
        lsp::Range::new(self.position(span.start), self.position(span.end))
    }

    /// The identifier (ID, kind or key) under or just before the offset, with its span.
    fn word_at(&self, offset: usize) -> Option<(&str, crate::source::Span)> {
        let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        let before = &self.text[..offset];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word(*c))
            .last()
            .map_or(offset, |(i, _)| i);
        let end = offset
            + self.text[offset..]
                .char_indices()
                .find(|(_, c)| !is_word(*c))
                .map_or(self.text.len() - offset, |(i, _)| i);
        let word = self.text[start..end].trim_end_matches('-');
        (!word.is_empty()).then(|| (word, crate::source::Span::new(start, start + word.len())))
    }
}

struct Server<'a> {
    connection: &'a Connection,
    documents: HashMap<lsp::Uri, Document>,
}

impl Server<'_> {
    fn send(&self, message: Message) {
        // The writer thread has gone only when the client has: nothing to tell.
        let _ = self.connection.sender.send(message);
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(n.params) {
                    self.update(p.text_document.uri, p.text_document.text);
                }
            }
            "textDocument/didChange" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(n.params)
                    && let Some(change) = p.content_changes.into_iter().last()
                {
                    self.update(p.text_document.uri, change.text);
                }
            }
            "textDocument/didClose" => {
                if let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(n.params) {
                    self.documents.remove(&p.text_document.uri);
                    self.publish(p.text_document.uri, Vec::new());
                }
            }
            _ => {}
        }
    }

    /// Takes the new text of a document and publishes its diagnostics.
    fn update(&mut self, uri: lsp::Uri, text: String) {
        let doc = Document::new(text);
        let path = file_path(&uri);
        let name = path
            .as_ref()
            .map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
        let config = crate::lint::Config::for_design(path.as_deref(), None).unwrap_or_default();
        let compiled =
            crate::compile::check_with(&SourceFile::new(name, doc.text.clone()), &config);
        let diagnostics = compiled
            .diagnostics
            .iter()
            .filter(|d| !d.suppressed)
            .map(|d| to_lsp(&doc, &uri, d))
            .collect();
        self.documents.insert(uri.clone(), doc);
        self.publish(uri, diagnostics);
    }

    fn publish(&self, uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>) {
        let params = lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        };
        self.send(Message::Notification(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        )));
    }

    fn request(&mut self, r: Request) {
        let id = r.id.clone();
        let result = match r.method.as_str() {
            "textDocument/hover" => params::<lsp::HoverParams>(r)
                .map(|p| to_json(self.hover(&p.text_document_position_params))),
            "textDocument/completion" => params::<lsp::CompletionParams>(r)
                .map(|p| to_json(self.complete(&p.text_document_position))),
            "textDocument/definition" => params::<lsp::GotoDefinitionParams>(r)
                .map(|p| to_json(self.definition(&p.text_document_position_params))),
            "textDocument/formatting" => params::<lsp::DocumentFormattingParams>(r)
                .map(|p| to_json(self.format(&p.text_document.uri))),
            other => Err(error(
                id.clone(),
                lsp_server::ErrorCode::MethodNotFound,
                &format!("cloudgram does not answer `{other}`"),
            )),
        };
        let response = match result {
            Ok(value) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Err(mut e) => {
                e.id = id;
                e
            }
        };
        self.send(Message::Response(response));
    }

    fn document(&self, at: &lsp::TextDocumentPositionParams) -> Option<(&Document, usize)> {
        let doc = self.documents.get(&at.text_document.uri)?;
        Some((doc, doc.offset(at.position)))
    }

    fn hover(&self, at: &lsp::TextDocumentPositionParams) -> Option<lsp::Hover> {
        let (doc, offset) = self.document(at)?;
        let (word, span) = doc.word_at(offset)?;
        let ast = parse(&doc.text);
        let text = match ast.as_ref().and_then(|ast| role_at(ast, offset)) {
            Some(Role::Kind) => kind_help(word)?,
            Some(Role::Key) => attr_help(word)?,
            Some(Role::Id) => id_help(doc, ast.as_ref()?, word)?,
            // Without a parse (or between tokens), what the word is by itself.
            None => kind_help(word).or_else(|| attr_help(word))?,
        };
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: text,
            }),
            range: Some(doc.range(span)),
        })
    }

    fn complete(&self, at: &lsp::TextDocumentPositionParams) -> Option<lsp::CompletionResponse> {
        let (doc, offset) = self.document(at)?;
        let items = match context(&doc.text, offset) {
            Context::StatementStart => {
                let mut items = kind_items();
                items.extend(id_items(&doc.text));
                for keyword in ["title", "direction"] {
                    items.push(item(keyword, lsp::CompletionItemKind::KEYWORD, "statement"));
                }
                items
            }
            Context::Reference => id_items(&doc.text),
            Context::Key => attrs::KNOWN
                .iter()
                .map(|a| item(a.key, lsp::CompletionItemKind::PROPERTY, a.description))
                .collect(),
            Context::Value(key) => value_items(&key),
            Context::Direction => ["right", "down", "left", "up"]
                .into_iter()
                .map(|d| item(d, lsp::CompletionItemKind::ENUM_MEMBER, "flow direction"))
                .collect(),
            Context::None => Vec::new(),
        };
        Some(lsp::CompletionResponse::Array(items))
    }

    fn definition(
        &self,
        at: &lsp::TextDocumentPositionParams,
    ) -> Option<lsp::GotoDefinitionResponse> {
        let (doc, offset) = self.document(at)?;
        let (word, _) = doc.word_at(offset)?;
        let (_, span) = declarations(&doc.text)
            .into_iter()
            .find(|(id, _)| id == word)?;
        Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location::new(
            at.text_document.uri.clone(),
            doc.range(span),
        )))
    }

    fn format(&self, uri: &lsp::Uri) -> Option<Vec<lsp::TextEdit>> {
        let doc = self.documents.get(uri)?;
        let formatted = syntax::format::format(&SourceFile::new("", doc.text.clone())).ok()?;
        if formatted == doc.text {
            return Some(Vec::new());
        }
        let whole = crate::source::Span::new(0, doc.text.len());
        Some(vec![lsp::TextEdit::new(doc.range(whole), formatted)])
    }
}

fn params<P: serde::de::DeserializeOwned>(r: Request) -> Result<P, Response> {
    serde_json::from_value(r.params).map_err(|e| {
        error(
            r.id,
            lsp_server::ErrorCode::InvalidParams,
            &format!("invalid parameters of `{}`: {e}", r.method),
        )
    })
}

fn to_json<T: serde::Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).expect("LSP types serialize")
}

fn error(id: RequestId, code: lsp_server::ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_string())
}

/// The path of a `file:` URI, percent-decoded.
fn file_path(uri: &lsp::Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok().map(PathBuf::from)
}

/// A diagnostic as LSP has it: the range, the code, `help` after the message,
/// the other labelled places as related information.
fn to_lsp(doc: &Document, uri: &lsp::Uri, d: &Diagnostic) -> lsp::Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), doc.range(l.span)),
            message: l.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: doc.range(d.span),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("cloudgram".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// The text parsed, when it parses.
fn parse(text: &str) -> Option<Ast> {
    syntax::parse(&SourceFile::new("", text)).ok()
}

/// What a word of the source is.
enum Role {
    Kind,
    Key,
    Id,
}

/// The role of the token at `offset` in the parsed file.
fn role_at(ast: &Ast, offset: usize) -> Option<Role> {
    fn inside(span: crate::source::Span, at: usize) -> bool {
        span.start <= at && at <= span.end
    }
    fn keys(attrs: &[syntax::Attr], at: usize) -> Option<Role> {
        attrs
            .iter()
            .any(|a| inside(a.key.span, at))
            .then_some(Role::Key)
    }
    fn walk(statements: &[Stmt], at: usize) -> Option<Role> {
        for s in statements {
            match s {
                Stmt::Decl(d) if inside(d.span, at) => {
                    if inside(d.kind.span, at) {
                        return Some(Role::Kind);
                    }
                    if inside(d.id.span, at) {
                        return Some(Role::Id);
                    }
                    if let Some(role) = keys(&d.attrs, at) {
                        return Some(role);
                    }
                    return d.block.as_ref().and_then(|b| walk(&b.statements, at));
                }
                Stmt::Edge(e) if inside(e.span, at) => {
                    if e.endpoints.iter().flatten().any(|i| inside(i.span, at)) {
                        return Some(Role::Id);
                    }
                    return keys(&e.attrs, at);
                }
                _ => {}
            }
        }
        None
    }
    walk(&ast.statements, offset)
}

/// What a role of the catalog means, in a sentence.
fn role_sentence(role: &str) -> &'static str {
    match role {
        "entry" => {
            "an entry point: request paths start here and it carries the load the design states"
        }
        "outside" => "outside: its traffic crosses the internet",
        "compute" => "compute: runs application code",
        "datastore" => "a datastore: holds state, answers calls and makes none",
        "balancer" => "a balancer: spreads requests over its targets",
        "pass-through" => "pass-through: carries traffic on without application logic",
        "admin-host" => "an admin host: carries operators' sessions, never requests",
        "egress" => "egress: the last hop out to the internet",
        "link" => "a private link between networks: a single point of failure when alone",
        "zone" => "an availability zone: its ID names a zone in `azs`",
        "managed-ha" => "managed and highly available by itself (counts as redundant and multi-AZ)",
        "zonal" => "zonal: lives in one availability zone unless replicated across zones",
        _ => "",
    }
}

/// Hover text of a kind or alias: what it is and its failure semantics.
fn kind_help(word: &str) -> Option<String> {
    let k = catalog::lookup(word)?;
    let mut text = format!("**{}** ({}", k.name, super::kinds::category(k));
    if k.traits.container {
        text.push_str(", a container");
    }
    text.push_str(")\n\n");
    text.push_str(k.description);
    if word != k.name {
        text.push_str(&format!("\n\n`{word}` is an alias of `{}`.", k.name));
    }
    let roles = super::kinds::roles(k);
    if roles.is_empty() {
        text.push_str("\n\nNo failure semantics of its own: redundant only with `replicas: 2` or more or `multi_az`.");
    } else {
        text.push_str("\n\nFailure semantics and roles:");
        for role in roles {
            text.push_str(&format!("\n- {}", role_sentence(role)));
        }
    }
    if let Some(c) = k.capacity {
        text.push_str(&format!(
            "\n\nRule-of-thumb capacity: {c} rps per replica when `capacity` is not stated."
        ));
    }
    if !k.aliases.is_empty() {
        text.push_str(&format!("\n\nAliases: {}", k.aliases.join(", ")));
    }
    Some(text)
}

/// Hover text of a known attribute key.
fn attr_help(word: &str) -> Option<String> {
    let a = attrs::lookup(word)?;
    Some(format!(
        "**{}**: {}\n\nValue: {}, e.g. `{}: {}`",
        a.key,
        a.description,
        a.ty.expected(),
        a.key,
        a.ty.example()
    ))
}

/// Hover text of a declared ID: its kind, label and where it is declared.
fn id_help(doc: &Document, ast: &Ast, word: &str) -> Option<String> {
    fn find<'a>(statements: &'a [Stmt], id: &str) -> Option<&'a syntax::Decl> {
        statements.iter().find_map(|s| match s {
            Stmt::Decl(d) if d.id.name == id => Some(d),
            Stmt::Decl(d) => d.block.as_ref().and_then(|b| find(&b.statements, id)),
            _ => None,
        })
    }
    let d = find(&ast.statements, word)?;
    let line = doc.position(d.span.start).line + 1;
    let kind = catalog::lookup(&d.kind.name).map_or(d.kind.name.as_str(), |k| k.name);
    let label = d
        .label
        .as_ref()
        .map_or(String::new(), |l| format!(" \"{}\"", l.value));
    let mut text = format!("`{word}`{label}: a `{kind}`, declared on line {line}");
    if let Some(k) = catalog::lookup(kind) {
        text.push_str(&format!("\n\n{}", k.description));
    }
    Some(text)
}

/// Where the cursor is, for completion.
#[derive(Debug, PartialEq)]
enum Context {
    /// Where a statement starts: a kind, an ID (an edge), `title`, `direction`.
    StatementStart,
    /// After an edge operator or a `,` of an endpoint list: an ID.
    Reference,
    /// An attribute key inside `[...]`.
    Key,
    /// The value of this key.
    Value(String),
    /// After `direction`.
    Direction,
    /// Nothing to offer (inside a string or comment, after a kind, ...).
    None,
}

/// Reads the text up to the cursor (strings and comments skipped) to tell
/// what may come at `offset`.
fn context(text: &str, offset: usize) -> Context {
    let before = &text[..offset.min(text.len())];
    let mut depth = 0usize;
    let mut last = Context::StatementStart;
    let mut key = String::new();
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after = |s: &str| before[..i].ends_with(s);
        match c {
            '"' => {
                // To the closing quote, or the cursor inside the string.
                loop {
                    match chars.next() {
                        Some((_, '\\')) => {
                            chars.next();
                        }
                        Some((_, '"' | '\n' | '\r')) => break,
                        Some(_) => {}
                        None => return Context::None,
                    }
                }
                if depth == 0 {
                    last = Context::None;
                }
            }
            '#' => {
                skip_line(&mut chars);
                if chars.peek().is_none() {
                    return Context::None;
                }
            }
            '/' if before[i + 1..].starts_with('/') => {
                skip_line(&mut chars);
                if chars.peek().is_none() {
                    return Context::None;
                }
            }
            '[' => {
                depth += 1;
                last = Context::Key;
            }
            ']' => {
                depth = depth.saturating_sub(1);
                last = Context::None;
            }
            ',' | ':' if depth > 0 => {
                last = if c == ',' && depth == 1 {
                    Context::Key
                } else {
                    Context::Value(key.clone())
                };
            }
            ',' => last = Context::Reference,
            '\n' | '\r' | ';' | '{' | '}' if depth == 0 => last = Context::StatementStart,
            '>' if after("-") || after("~") => last = Context::Reference,
            '-' if depth == 0 && after("-") => last = Context::Reference,
            c if c.is_ascii_alphanumeric() || c == '_' => {
                let mut end = i + 1;
                while let Some((j, d)) = chars.peek().copied() {
                    let hyphen = d == '-' && !before[j + 1..].starts_with(['>', '-']);
                    if d.is_ascii_alphanumeric() || d == '_' || hyphen {
                        end = j + 1;
                        chars.next();
                    } else {
                        break;
                    }
                }
                if end == before.len() {
                    // The word being typed: what may come is what came before it.
                    break;
                }
                let word = &before[i..end];
                last = match (&last, depth) {
                    (Context::Key, 1) => {
                        key = word.to_string();
                        Context::None
                    }
                    (Context::StatementStart, 0) if word == "direction" => Context::Direction,
                    _ => Context::None,
                };
            }
            _ => {}
        }
    }
    last
}

fn skip_line(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) {
    while let Some((_, c)) = chars.peek() {
        if *c == '\n' || *c == '\r' {
            break;
        }
        chars.next();
    }
}

fn item(label: &str, kind: lsp::CompletionItemKind, detail: &str) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail.to_string()),
        ..Default::default()
    }
}

/// Every kind and alias of the catalog.
fn kind_items() -> Vec<lsp::CompletionItem> {
    let mut items = Vec::new();
    for k in catalog::KINDS {
        items.push(item(k.name, lsp::CompletionItemKind::CLASS, k.description));
        for alias in k.aliases {
            items.push(item(
                alias,
                lsp::CompletionItemKind::CLASS,
                &format!("alias of `{}`: {}", k.name, k.description),
            ));
        }
    }
    items
}

/// Every ID declared in the text.
fn id_items(text: &str) -> Vec<lsp::CompletionItem> {
    declarations(text)
        .into_iter()
        .map(|(id, _)| item(&id, lsp::CompletionItemKind::VARIABLE, "declared ID"))
        .collect()
}

/// Values worth offering for a key.
fn value_items(key: &str) -> Vec<lsp::CompletionItem> {
    let words: Vec<(String, String)> = match key {
        "icon" => catalog::KINDS
            .iter()
            .map(|k| (k.name.to_string(), k.description.to_string()))
            .collect(),
        "allow" => crate::lint::registry()
            .iter()
            .map(|r| {
                (
                    r.code().to_string(),
                    format!("{}: {}", r.name(), r.summary()),
                )
            })
            .collect(),
        "protocol" => [
            "https", "http", "grpc", "grpc+tls", "tls", "tcp", "sql", "amqp", "kafka",
        ]
        .into_iter()
        .map(|p| (p.to_string(), "protocol".to_string()))
        .collect(),
        _ => match attrs::lookup(key) {
            Some(a) if a.ty == attrs::AttrType::Bool => ["true", "false"]
                .into_iter()
                .map(|b| (b.to_string(), a.description.to_string()))
                .collect(),
            _ => Vec::new(),
        },
    };
    words
        .iter()
        .map(|(w, d)| item(w, lsp::CompletionItemKind::VALUE, d))
        .collect()
}

/// The declared IDs with their spans: from the parse, or, when the text
/// does not parse, from lines that start with a kind of the catalog.
fn declarations(text: &str) -> Vec<(String, crate::source::Span)> {
    if let Some(ast) = parse(text) {
        fn walk(statements: &[Stmt], out: &mut Vec<(String, crate::source::Span)>) {
            for s in statements {
                if let Stmt::Decl(d) = s {
                    out.push((d.id.name.clone(), d.id.span));
                    if let Some(b) = &d.block {
                        walk(&b.statements, out);
                    }
                }
            }
        }
        let mut out = Vec::new();
        walk(&ast.statements, &mut out);
        return out;
    }
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let mut words =
            trimmed.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        if let (Some(kind), Some(id)) = (words.next(), words.next())
            && catalog::lookup(kind).is_some()
            && id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && trimmed[kind.len()..].starts_with([' ', '\t'])
        {
            let start = at + indent + trimmed.find(id).unwrap_or(0);
            out.push((
                id.to_string(),
                crate::source::Span::new(start, start + id.len()),
            ));
        }
        at += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_and_every_newline_style() {
        let doc = Document::new("a\r\n주문 x\rb\n".to_string());
        let x = doc.text.find('x').unwrap();
        assert_eq!(doc.position(x), lsp::Position::new(1, 3));
        assert_eq!(doc.offset(lsp::Position::new(1, 3)), x);
        let b = doc.text.find('b').unwrap();
        assert_eq!(doc.position(b), lsp::Position::new(2, 0));
        assert_eq!(doc.offset(lsp::Position::new(9, 0)), doc.text.len());
    }

    #[test]
    fn completion_contexts() {
        let at_end = |t: &str| context(t, t.len());
        assert_eq!(at_end("ec2 web\n"), Context::StatementStart);
        assert_eq!(at_end("ec2 web\nrd"), Context::StatementStart);
        assert_eq!(at_end("web -> d"), Context::Reference);
        assert_eq!(at_end("web ~> "), Context::Reference);
        assert_eq!(at_end("lb -> a, "), Context::Reference);
        assert_eq!(at_end("ec2 web [rep"), Context::Key);
        assert_eq!(at_end("ec2 web [replicas: 2, "), Context::Key);
        assert_eq!(at_end("ec2 web [icon: "), Context::Value("icon".into()));
        assert_eq!(
            at_end("ec2 web [multi_az: t"),
            Context::Value("multi_az".into())
        );
        assert_eq!(at_end("direction "), Context::Direction);
        assert_eq!(at_end("ec2 web \"lab"), Context::None);
        assert_eq!(at_end("ec2 web # a -> "), Context::None);
        assert_eq!(at_end("ec2 "), Context::None);
    }

    #[test]
    fn declarations_without_a_parse() {
        let text = "vpc v {\n  ec2 web\n  web -> \n}\n";
        let found = declarations(text);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["v", "web"]);
        assert_eq!(&text[found[1].1.range()], "web");
    }
}
