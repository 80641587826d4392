//! Lowering: AST → [`Architecture`]. Resolves kinds and names across the
//! whole file, checks attribute types, expands edge chains and lists, and
//! collects every error instead of stopping at the first.

use super::{Architecture, Attribute, Attributes, Direction, Edge, Element, ElementId, errors};
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::syntax::{Ast, Attr, Decl, EdgeStmt, Stmt, ValueKind};
use std::collections::HashMap;

/// The most edges one statement may expand to (`a, b, ... -> x, y, ...`
/// multiplies): far above any drawing, low enough that no input can make the
/// compiler allocate without bound.
pub const MAX_EDGES_PER_STATEMENT: usize = 10_000;

/// Lowers an AST. Returns the architecture (as complete as the errors allow)
/// and every diagnostic found; the caller decides whether to go on.
pub fn lower(ast: &Ast) -> (Architecture, Vec<Diagnostic>) {
    let mut l = Lowerer::default();
    l.statements(&ast.statements, None, 0);
    let edges = std::mem::take(&mut l.pending_edges);
    let mut unknown = Vec::new();
    for stmt in edges {
        l.edge(stmt, &mut unknown);
    }
    l.unknown_ids(&unknown);
    l.duplicate_edges();
    l.undeclared_zones();
    (l.arch, l.diagnostics)
}

#[derive(Default)]
struct Lowerer<'a> {
    arch: Architecture,
    diagnostics: Vec<Diagnostic>,
    pending_edges: Vec<&'a EdgeStmt>,
    title_span: Option<Span>,
    direction_span: Option<Span>,
}

impl<'a> Lowerer<'a> {
    fn statements(&mut self, stmts: &'a [Stmt], parent: Option<ElementId>, depth: usize) {
        for stmt in stmts {
            match stmt {
                Stmt::Title(t) => {
                    if parent.is_some() || self.title_span.is_some() {
                        self.diagnostics.push(errors::misplaced_title(
                            t.span,
                            self.title_span.filter(|_| parent.is_none()),
                        ));
                    } else {
                        self.title_span = Some(t.span);
                        self.arch.title = Some(t.text.value.clone());
                    }
                }
                Stmt::Direction(d) => self.direction(d, parent.is_some()),
                Stmt::Decl(decl) => self.decl(decl, parent, depth),
                Stmt::Edge(e) => self.pending_edges.push(e),
            }
        }
    }

    fn direction(&mut self, d: &crate::syntax::Direction, nested: bool) {
        let word = d.value.name.as_str();
        let found = Direction::ALL.iter().find(|(w, _)| *w == word);
        match (nested, found) {
            (false, Some((_, dir))) => {
                if let Some(first) = self.direction_span {
                    self.diagnostics
                        .push(errors::direction_twice(d.span, first));
                } else {
                    self.direction_span = Some(d.span);
                    self.arch.direction = *dir;
                }
            }
            (false, None) => {
                self.diagnostics
                    .push(errors::bad_direction(d.value.span, word, false))
            }
            (true, _) => self
                .diagnostics
                .push(errors::bad_direction(d.span, word, true)),
        }
    }

    fn decl(&mut self, decl: &'a Decl, parent: Option<ElementId>, depth: usize) {
        // `title` is the keyword, not a kind: `title Shop` parses as a declaration.
        const TITLE_KEYWORD: &str = "title";
        if decl.kind.name.as_str() == TITLE_KEYWORD {
            // `title Shop`: the grammar read a declaration; say what was meant.
            self.diagnostics
                .push(errors::title_needs_string(decl.id.span, &decl.id.name));
            return;
        }
        let kind = match super::catalog::lookup(&decl.kind.name) {
            Some(k) => k,
            None => {
                self.diagnostics
                    .push(errors::unknown_kind(decl.kind.span, &decl.kind.name));
                // Keep going with a neutral kind so that edges still resolve.
                super::catalog::lookup("group").expect("`group` is in the catalog")
            }
        };
        if let Some(block) = &decl.block
            && !kind.traits.container
            && super::catalog::lookup(&decl.kind.name).is_some()
        {
            self.diagnostics.push(errors::not_a_container(
                Span::new(block.span.start, block.span.start + 1),
                &decl.kind.name,
                &decl.id.name,
            ));
        }
        let span = decl.kind.span.to(decl.id.span);
        if let Some(first) = self.arch.find(&decl.id.name) {
            let first_span = self.arch.element(first).id_span;
            self.diagnostics.push(errors::duplicate_id(
                decl.id.span,
                first_span,
                &decl.id.name,
            ));
        }
        let id = ElementId(self.arch.elements.len());
        let attrs = self.attributes(&decl.attrs);
        self.arch.elements.push(Element {
            id: decl.id.name.clone(),
            kind,
            label: decl.label.as_ref().map(|l| l.value.clone()),
            attrs,
            parent,
            children: Vec::new(),
            span,
            id_span: decl.id.span,
            depth,
        });
        self.arch.by_id.entry(decl.id.name.clone()).or_insert(id);
        match parent {
            Some(p) => self.arch.elements[p.0].children.push(id),
            None => self.arch.roots.push(id),
        }
        if let Some(block) = &decl.block {
            self.statements(&block.statements, Some(id), depth + 1);
        }
    }

    fn attributes(&mut self, attrs: &[Attr]) -> Attributes {
        let mut out: Vec<Attribute> = Vec::new();
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for attr in attrs {
            let key = attr.key.name.as_str();
            if let Some(first) = seen.get(key) {
                self.diagnostics
                    .push(errors::duplicate_attribute(attr.span, *first, key));
                continue;
            }
            seen.insert(key, attr.span);
            let value = attr
                .value
                .as_ref()
                .map_or(ValueKind::Bool(true), |v| v.kind.clone());
            match super::attrs::lookup(key) {
                Some(info) => {
                    let flag = crate::syntax::Value {
                        kind: ValueKind::Bool(true),
                        span: attr.span,
                    };
                    let v = attr.value.as_ref().unwrap_or(&flag);
                    if !info.ty.accepts(v) {
                        let mut d = errors::attribute_type(v.span, key, info.ty, &v.kind);
                        if let (super::attrs::AttrType::Color, ValueKind::Str(s)) =
                            (info.ty, &v.kind)
                        {
                            d = d.with_help(crate::color::help(s));
                        }
                        self.diagnostics.push(d);
                    }
                }
                None => self
                    .diagnostics
                    .push(errors::unknown_attribute(attr.key.span, key)),
            }
            out.push(Attribute {
                key: key.to_string(),
                value,
                span: attr.span,
            });
        }
        Attributes(out)
    }

    fn edge(&mut self, stmt: &'a EdgeStmt, unknown: &mut Vec<&'a crate::syntax::Ident>) {
        let attrs = self.attributes(&stmt.attrs);
        let resolved: Vec<Vec<Option<ElementId>>> = stmt
            .endpoints
            .iter()
            .map(|list| {
                list.iter()
                    .map(|ident| {
                        let found = self.arch.find(&ident.name);
                        if found.is_none() {
                            unknown.push(ident);
                        }
                        found
                    })
                    .collect()
            })
            .collect();
        let count: usize = resolved
            .windows(2)
            .map(|w| w[0].len().saturating_mul(w[1].len()))
            .fold(0, usize::saturating_add);
        if count > MAX_EDGES_PER_STATEMENT {
            self.diagnostics.push(errors::too_many_edges(
                stmt.span,
                count,
                MAX_EDGES_PER_STATEMENT,
            ));
            return;
        }
        let label: Option<std::sync::Arc<str>> =
            stmt.label.as_ref().map(|l| l.value.as_str().into());
        for (i, (op, _)) in stmt.ops.iter().enumerate() {
            for from in resolved[i].iter().flatten() {
                for to in resolved[i + 1].iter().flatten() {
                    self.arch.edges.push(Edge {
                        from: *from,
                        to: *to,
                        op: *op,
                        label: label.clone(),
                        attrs: attrs.clone(),
                        span: stmt.span,
                    });
                }
            }
        }
    }

    /// `W0003`: the same edge (endpoints, operator and label) written twice.
    /// `a <-> b` and `b <-> a` are the same edge, and so are `a -- b` and `b -- a`.
    fn duplicate_edges(&mut self) {
        use crate::syntax::EdgeOp;
        let mut first: HashMap<(ElementId, ElementId, EdgeOp, Option<&str>), usize> =
            HashMap::new();
        let mut found = Vec::new();
        for (i, e) in self.arch.edges.iter().enumerate() {
            let (a, b) = match e.op {
                EdgeOp::Both | EdgeOp::Assoc => (e.from.min(e.to), e.from.max(e.to)),
                EdgeOp::Sync | EdgeOp::Async => (e.from, e.to),
            };
            match first.entry((a, b, e.op, e.label.as_deref())) {
                std::collections::hash_map::Entry::Occupied(f) => found.push((*f.get(), i)),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                }
            }
        }
        for (f, i) in found {
            let (e, first) = (&self.arch.edges[i], &self.arch.edges[f]);
            let (from, to) = (&self.arch.element(e.from).id, &self.arch.element(e.to).id);
            self.diagnostics
                .push(errors::duplicate_edge(e.span, first.span, from, to, e.op));
        }
    }

    /// `W0004`: `azs` names a zone that no `az` container declares, when the
    /// design declares zones at all (`az_a` declares zone `a`, see [`super::zone_name`]).
    fn undeclared_zones(&mut self) {
        let declared: Vec<&str> = self
            .arch
            .elements
            .iter()
            .filter(|e| e.kind.traits.zone)
            .map(|e| super::zone_name(&e.id))
            .collect();
        if declared.is_empty() {
            return;
        }
        let mut out = Vec::new();
        for e in &self.arch.elements {
            let Some(attr) = e.attrs.entry("azs") else {
                continue;
            };
            // Each zone with its own span when the value is a list.
            let named: Vec<(String, Span)> = match &attr.value {
                ValueKind::List(items) => items
                    .iter()
                    .filter_map(|v| match &v.kind {
                        ValueKind::Word(w) | ValueKind::Str(w) => Some((w.clone(), v.span)),
                        ValueKind::Int(n) => Some((n.to_string(), v.span)),
                        _ => None,
                    })
                    .collect(),
                _ => e
                    .attrs
                    .words("azs")
                    .into_iter()
                    .map(|w| (w, attr.span))
                    .collect(),
            };
            for (zone, span) in named {
                if !declared.contains(&zone.as_str())
                    && !declared.contains(&super::zone_name(&zone))
                {
                    out.push(errors::undeclared_zone(
                        span,
                        &zone,
                        &e.id,
                        declared.iter().copied(),
                    ));
                }
            }
        }
        self.diagnostics.extend(out);
    }

    /// `E0102` for every unknown ID, with a did-you-mean from an index of
    /// the declared IDs (built once, only when some ID is unknown).
    fn unknown_ids(&mut self, unknown: &[&crate::syntax::Ident]) {
        if unknown.is_empty() {
            return;
        }
        let mut index = super::suggest_index::SuggestIndex::new(
            self.arch.elements.iter().map(|e| e.id.as_str()),
        );
        for ident in unknown {
            let close = index.did_you_mean(&ident.name);
            self.diagnostics
                .push(errors::unknown_id(ident.span, &ident.name, close));
        }
    }
}
