//! `render --highlight`: lint findings marked on the drawing. Findings are
//! numbered by severity (errors first), then line. Every element a finding
//! is about gets one outline, in the colour of the most severe of its
//! findings, and one numbered badge per finding, in a row along its top-left
//! edge (more rows above when they do not fit), clear of the replica badge
//! at its top-right; a list of the findings goes under the diagram.

use super::sketch::num;
use super::theme::Theme;
use crate::diagnostic::{Diagnostic, Severity};
use crate::geometry::{Point, Rect};
use crate::scene::badges::Badges;
use crate::scene::metrics::MARGIN;
use crate::scene::{Scene, SceneBox};
use crate::text::text_width;
use std::collections::BTreeMap;
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

/// The findings worth drawing: not suppressed, about some element, numbered
/// by severity (errors first), then by place in the source.
pub fn findings(diagnostics: &[Diagnostic]) -> Vec<Finding> {
    let mut shown: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| !d.suppressed && !d.subjects.is_empty())
        .collect();
    shown.sort_by_key(|d| (std::cmp::Reverse(d.severity), d.span.start));
    shown
        .into_iter()
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
/// Space between a numbered badge and the replica badge beside it.
const PILL_GAP: f64 = 11.0;

/// What one element is marked with: the most severe of its findings, and
/// each finding's number and severity, in number order.
#[derive(Debug, Default)]
struct Marks {
    worst: Option<Severity>,
    badges: Vec<(usize, Severity)>,
}

/// Where the badges of a box go: centres, in number order. Rows run along
/// the top edge from the left corner; the first keeps clear of the replica
/// badge `pill` when that is on the top edge (at the corner, or slid left
/// off an arrowhead); further rows stack above.
fn badge_centres(b: &SceneBox, count: usize, pill: Option<Rect>) -> Vec<Point> {
    let step = 2.0 * BADGE_R + 3.0;
    let per_row = (((b.width + 8.0) / step).floor() as usize).max(1);
    let x = |col: usize| b.x - 4.0 + BADGE_R + col as f64 * step;
    let free = |col: &usize| {
        pill.is_none_or(|p| {
            x(*col) + BADGE_R + PILL_GAP <= p.left || x(*col) - BADGE_R - PILL_GAP >= p.right
        })
    };
    let first: Vec<usize> = (0..per_row).filter(free).collect();
    (0..count)
        .map(|i| match first.get(i) {
            Some(&col) => Point::new(x(col), b.y - 4.0),
            None => {
                let k = i - first.len();
                Point::new(x(k % per_row), b.y - 4.0 - (1 + k / per_row) as f64 * step)
            }
        })
        .collect()
}

/// Outlines and numbered badges over the boxes the findings are about.
pub fn overlay(scene: &Scene, badges: &BTreeMap<&str, Badges>, findings: &[Finding]) -> Group {
    let mut g = Group::new().set("id", "findings").set("class", "findings");
    let mut marks: BTreeMap<&str, Marks> = Default::default();
    for f in findings {
        let mut seen = std::collections::BTreeSet::new();
        for subject in f.subjects.iter().filter(|s| seen.insert(s.as_str())) {
            let m = marks.entry(subject.as_str()).or_default();
            m.worst = m.worst.max(Some(f.severity));
            m.badges.push((f.number, f.severity));
        }
    }
    let boxes: Vec<(&SceneBox, &Marks)> = marks
        .iter()
        .filter_map(|(id, m)| scene.find(id).map(|b| (b, m)))
        .collect();
    // Outlines first, then every badge above every outline.
    for (b, m) in &boxes {
        let stroke = color(m.worst.unwrap_or(Severity::Info));
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
    }
    for (b, m) in &boxes {
        let pill = badges
            .get(b.id.as_str())
            .and_then(|badges| badges.replica)
            .filter(|pill| pill.top < b.y);
        for (Point { x: cx, y: cy }, (number, severity)) in badge_centres(b, m.badges.len(), pill)
            .into_iter()
            .zip(&m.badges)
        {
            g = g
                .add(
                    Circle::new()
                        .set("cx", num(cx))
                        .set("cy", num(cy))
                        .set("r", num(BADGE_R))
                        .set("fill", color(*severity))
                        .set("stroke", "#ffffff")
                        .set("stroke-width", 1),
                )
                .add(
                    Text::new(number.to_string())
                        .set("x", num(cx))
                        .set("y", num(cy + 4.0))
                        .set("text-anchor", "middle")
                        .set(
                            "font-size",
                            num(if *number >= 100 {
                                FONT - 4.0
                            } else {
                                FONT - 1.0
                            }),
                        )
                        .set("font-weight", "bold")
                        .set("fill", "#ffffff"),
                );
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

    fn diag(severity: Severity, code: &'static str, at: usize, subjects: &[&str]) -> Diagnostic {
        Diagnostic::new(severity, code, "x", code, Span::point(at))
            .with_subjects(subjects.iter().copied())
    }

    #[test]
    fn the_list_is_sorted_by_severity_then_line() {
        let found = findings(&[
            diag(Severity::Info, "PF001", 1, &["a"]),
            diag(Severity::Warning, "AV001", 5, &["b"]),
            diag(Severity::Error, "SE001", 9, &["c"]),
            diag(Severity::Warning, "AV004", 3, &["d"]),
        ]);
        let codes: Vec<&str> = found.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["SE001", "AV004", "AV001", "PF001"]);
        assert_eq!(found[0].number, 1);
    }

    fn scene_of(src: &str) -> Scene {
        let arch = crate::compile::compile_str("t.cgr", src).arch.unwrap();
        crate::layout::layout(&arch)
    }

    /// A drawn shape: its position and colour.
    type Shape = (f64, f64, String);

    /// The circles of the overlay as (cx, cy, fill), and the outlines as (x, y, stroke).
    fn drawn(g: &Group) -> (Vec<Shape>, Vec<Shape>) {
        let svg = g.to_string();
        let attr = |el: &str, name: &str| -> String {
            let at = el.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            el[at..at + el[at..].find('"').unwrap()].to_string()
        };
        let mut circles = Vec::new();
        let mut rects = Vec::new();
        for el in svg.split('<').skip(1) {
            if el.starts_with("circle") {
                circles.push((
                    attr(el, "cx").parse().unwrap(),
                    attr(el, "cy").parse().unwrap(),
                    attr(el, "fill"),
                ));
            } else if el.starts_with("rect") {
                rects.push((
                    attr(el, "x").parse().unwrap(),
                    attr(el, "y").parse().unwrap(),
                    attr(el, "stroke"),
                ));
            }
        }
        (circles, rects)
    }

    #[test]
    fn badges_never_overlap_and_every_outlined_element_has_its_numbers() {
        let scene = scene_of("ec2 web [replicas: 2..6]\nrds db\nweb -> db");
        let mut ds = Vec::new();
        for i in 0..9 {
            ds.push(diag(Severity::Info, "PF001", i, &["web"]));
        }
        ds.push(diag(Severity::Warning, "AV004", 20, &["web", "db"]));
        let found = findings(&ds);
        let (circles, rects) = drawn(&overlay(&scene, &scene.badges(), &found));
        assert_eq!(rects.len(), 2, "one outline per element");
        assert_eq!(circles.len(), 11, "ten badges on web, one on db");
        for (i, a) in circles.iter().enumerate() {
            for b in &circles[i + 1..] {
                let d = ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
                assert!(d >= 2.0 * BADGE_R, "badges overlap: {a:?} {b:?}");
            }
        }
        // Clear of the replica badge on the top edge of `web`.
        let web = scene.find("web").unwrap();
        let pill = scene.badges()["web"].replica.unwrap();
        for c in &circles {
            if (c.1 - (web.y - 4.0)).abs() < 1e-6 {
                assert!(
                    c.0 + BADGE_R <= pill.left || c.0 - BADGE_R >= pill.right,
                    "{c:?} under the replica badge at {pill:?}"
                );
            }
        }
    }

    #[test]
    fn the_first_row_goes_round_a_replica_badge_slid_off_the_corner() {
        let scene = scene_of("ec2 web [replicas: 2..6]");
        let web = scene.find("web").unwrap();
        let top = web.y - 4.0;
        let first_row = |pill: Option<Rect>| {
            let centres = badge_centres(web, 30, pill);
            let row: Vec<f64> = centres
                .iter()
                .filter(|c| (c.y - top).abs() < 1e-6)
                .map(|c| c.x)
                .collect();
            if let Some(p) = pill {
                for x in &row {
                    assert!(
                        x + BADGE_R <= p.left || x - BADGE_R >= p.right,
                        "{x} under {p:?}"
                    );
                }
            }
            // Every badge has a place of its own.
            for (i, a) in centres.iter().enumerate() {
                for b in &centres[i + 1..] {
                    assert!(
                        (a.x - b.x).abs() >= 2.0 * BADGE_R || (a.y - b.y).abs() >= 2.0 * BADGE_R
                    );
                }
            }
            row
        };
        let corner = scene.badges()["web"].replica.unwrap();
        let free = first_row(None).len();
        let beside_corner = first_row(Some(corner));
        assert!(beside_corner.len() < free);
        // Slid to the middle of the top edge: badges on both sides of it.
        let middle = corner.offset(-(corner.left - web.x) / 2.0, 0.0);
        let round = first_row(Some(middle));
        assert!(round.iter().any(|x| *x < middle.left), "{round:?}");
        assert!(round.iter().any(|x| *x > middle.right), "{round:?}");
    }

    #[test]
    fn the_most_severe_colour_wins_the_outline() {
        let scene = scene_of("ec2 web\nrds db\nweb -> db");
        let found = findings(&[
            diag(Severity::Info, "PF001", 0, &["web"]),
            diag(Severity::Error, "SE001", 9, &["web"]),
            diag(Severity::Info, "AV004", 5, &["web"]),
        ]);
        let (_, rects) = drawn(&overlay(&scene, &scene.badges(), &found));
        assert_eq!(rects.len(), 1);
        assert_eq!(rects[0].2, color(Severity::Error));
    }
}
