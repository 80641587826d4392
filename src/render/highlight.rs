//! `render --highlight`: lint findings marked on the drawing. Each finding's
//! elements get an outline in the colour of its severity and the finding's
//! number in a badge; a list of the findings goes under the diagram.

use super::sketch::num;
use super::theme::Theme;
use crate::diagnostic::{Diagnostic, Severity};
use crate::layout::measure::MARGIN;
use crate::scene::Scene;
use crate::text::text_width;
use svg::node::element::{Circle, Group, Rectangle, Text};

/// One finding as drawn: its number in the list and what it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// 1-based number shown in the badge and the list.
    pub number: usize,
    /// Rule code (`AV004`).
    pub code: &'static str,
    /// How serious.
    pub severity: Severity,
    /// The message.
    pub message: String,
    /// Elements the finding is about.
    pub subjects: Vec<String>,
}

/// The findings worth drawing: not suppressed, in source order, numbered.
pub fn findings(diagnostics: &[Diagnostic]) -> Vec<Finding> {
    diagnostics
        .iter()
        .filter(|d| !d.suppressed && !d.subjects.is_empty())
        .enumerate()
        .map(|(i, d)| Finding {
            number: i + 1,
            code: d.code,
            severity: d.severity,
            message: d.message.clone(),
            subjects: d.subjects.clone(),
        })
        .collect()
}

/// Stroke colour of a severity.
fn color(s: Severity) -> &'static str {
    match s {
        Severity::Error => "#d13212",
        Severity::Warning => "#e07b00",
        Severity::Info => "#0972d3",
    }
}

const FONT: f64 = 12.0;
const LINE: f64 = 20.0;
const BADGE_R: f64 = 9.0;

/// Outlines and numbered badges over the boxes the findings are about.
pub fn overlay(scene: &Scene, findings: &[Finding]) -> Group {
    let mut g = Group::new().set("id", "findings").set("class", "findings");
    // Boxes with several findings get one badge per finding, side by side,
    // numbers rising from left to right.
    let mut total: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in findings {
        if let Some(first) = f.subjects.first() {
            *total.entry(first.as_str()).or_default() += 1;
        }
    }
    let mut badges_on: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in findings {
        let stroke = color(f.severity);
        for (k, subject) in f.subjects.iter().enumerate() {
            let Some(b) = scene.find(subject) else {
                continue;
            };
            g = g.add(
                Rectangle::new()
                    .set("x", num(b.x - 4.0))
                    .set("y", num(b.y - 4.0))
                    .set("width", num(b.width + 8.0))
                    .set("height", num(b.height + 8.0))
                    .set("rx", 10)
                    .set("fill", "none")
                    .set("stroke", stroke)
                    .set("stroke-width", 2.5)
                    .set("stroke-dasharray", "7 4"),
            );
            if k == 0 {
                let n = badges_on.entry(subject.as_str()).or_default();
                let after = total[subject.as_str()] - 1 - *n;
                let cx = b.x + b.width - 4.0 - after as f64 * (2.0 * BADGE_R + 3.0);
                let cy = b.y - 4.0;
                *n += 1;
                g = g
                    .add(
                        Circle::new()
                            .set("cx", num(cx))
                            .set("cy", num(cy))
                            .set("r", num(BADGE_R))
                            .set("fill", stroke),
                    )
                    .add(
                        Text::new(f.number.to_string())
                            .set("x", num(cx))
                            .set("y", num(cy + 4.0))
                            .set("text-anchor", "middle")
                            .set("font-size", num(FONT - 1.0))
                            .set("font-weight", "bold")
                            .set("fill", "#ffffff"),
                    );
            }
        }
    }
    g
}

/// The list of findings under the diagram.
pub struct List {
    lines: Vec<(Severity, String)>,
    /// Width it needs.
    pub width: f64,
    /// Height it needs.
    pub height: f64,
}

impl List {
    /// Lays out the list of `findings`.
    pub fn new(findings: &[Finding]) -> List {
        let lines: Vec<(Severity, String)> = findings
            .iter()
            .map(|f| {
                (
                    f.severity,
                    format!("{} {} {}: {}", f.number, f.severity, f.code, f.message),
                )
            })
            .collect();
        let width = lines
            .iter()
            .map(|(_, l)| text_width(l, FONT, false) + 2.0 * BADGE_R + 8.0)
            .fold(text_width("Findings", FONT + 1.0, true), f64::max);
        let height = if lines.is_empty() {
            0.0
        } else {
            (lines.len() + 1) as f64 * LINE + MARGIN
        };
        List {
            lines,
            width,
            height,
        }
    }

    /// Draws the list with its top at `top`.
    pub fn draw(&self, top: f64, t: &Theme) -> Group {
        let mut g = Group::new()
            .set("id", "findings-list")
            .set("class", "findings-list")
            .add(
                Text::new("Findings")
                    .set("x", num(MARGIN))
                    .set("y", num(top + LINE - 6.0))
                    .set("font-size", num(FONT + 1.0))
                    .set("font-weight", "bold")
                    .set("fill", t.text),
            );
        for (i, (severity, line)) in self.lines.iter().enumerate() {
            let y = top + (i as f64 + 2.0) * LINE - 6.0;
            g = g
                .add(
                    Circle::new()
                        .set("cx", num(MARGIN + BADGE_R))
                        .set("cy", num(y - 4.0))
                        .set("r", num(BADGE_R - 2.0))
                        .set("fill", color(*severity)),
                )
                .add(
                    Text::new(line.clone())
                        .set("x", num(MARGIN + 2.0 * BADGE_R + 6.0))
                        .set("y", num(y))
                        .set("font-size", num(FONT))
                        .set("fill", t.text),
                );
        }
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn suppressed_findings_and_findings_without_subjects_are_not_drawn() {
        let d = |code, subjects: &[&str], suppressed| {
            let mut d = Diagnostic::new(Severity::Warning, code, "x", "m", Span::point(0))
                .with_subjects(subjects.iter().copied());
            d.suppressed = suppressed;
            d
        };
        let found = findings(&[
            d("AV001", &["web"], false),
            d("AV002", &["db"], true),
            d("W0001", &[], false),
            d("AV004", &["db"], false),
        ]);
        let codes: Vec<(usize, &str)> = found.iter().map(|f| (f.number, f.code)).collect();
        assert_eq!(codes, [(1, "AV001"), (2, "AV004")]);
    }
}
