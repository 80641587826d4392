//! `cloudgram fmt`: the formatted text means the same (same model, same
//! findings), formatting it again changes nothing, and every comment
//! survives in its order — on every example and on random designs written
//! with random spacing, separators, blank lines and comments.

use assert_cmd::Command;
use cloudgram::compile::check;
use cloudgram::model::value_json;
use cloudgram::source::SourceFile;
use cloudgram::syntax::format::format;
use proptest::prelude::*;
mod common;

fn fmt(name: &str, text: &str) -> String {
    format(&SourceFile::new(name, text)).unwrap_or_else(|e| panic!("{name} parses: {e:?}"))
}

/// Everything the design means, without places: the model (elements,
/// nesting, attributes, edges) and the compiler's and linter's findings.
fn meaning(name: &str, text: &str) -> String {
    let c = check(&SourceFile::new(name, text));
    let mut out = String::new();
    for d in &c.diagnostics {
        out.push_str(&format!("{} {} {:?}\n", d.code, d.message, d.help));
    }
    let Some(arch) = c.arch else {
        return out;
    };
    out.push_str(&format!(
        "title {:?} direction {:?}\n",
        arch.title, arch.direction
    ));
    let id = |i: cloudgram::model::ElementId| arch.element(i).id.clone();
    for e in &arch.elements {
        out.push_str(&format!(
            "{} {} {:?} parent {:?} depth {} children {:?} attrs {}\n",
            e.kind.name,
            e.id,
            e.label,
            e.parent.map(id),
            e.depth,
            e.children.iter().map(|c| id(*c)).collect::<Vec<_>>(),
            serde_json::Value::Object(e.attrs.to_json()),
        ));
        for a in &e.attrs.0 {
            out.push_str(&format!("  {} = {}\n", a.key, value_json(&a.value)));
        }
    }
    out.push_str(&format!(
        "roots {:?}\n",
        arch.roots.iter().map(|r| id(*r)).collect::<Vec<_>>()
    ));
    for e in &arch.edges {
        out.push_str(&format!(
            "{} {:?} {} {:?} {}\n",
            id(e.from),
            e.op,
            id(e.to),
            e.label,
            serde_json::Value::Object(e.attrs.to_json()),
        ));
    }
    out
}

/// The comments of a text, in order: `#`, or `//` after a space (`a//b` is
/// a word), outside a string, to the line's end.
fn comments(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
            } else if c == '"' {
                in_string = true;
            } else if c == '#'
                || (line[i..].starts_with("//")
                    && line[..i].chars().last().is_none_or(char::is_whitespace))
            {
                found.push(line[i..].trim_end().to_string());
                break;
            }
        }
    }
    found
}

fn assert_formats_soundly(name: &str, text: &str) -> String {
    let once = fmt(name, text);
    assert_eq!(
        meaning(name, &once),
        meaning(name, text),
        "{name}: the meaning changed:\n{once}"
    );
    assert_eq!(
        fmt(name, &once),
        once,
        "{name}: formatting twice changed it"
    );
    assert_eq!(
        comments(&once),
        comments(text),
        "{name}: comments were lost or moved:\n{once}"
    );
    once
}

#[test]
fn every_example_formats_to_the_same_design() {
    let files = common::files(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"), "cgr");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let name = path.display().to_string();
        assert!(!comments(&text).is_empty(), "{name} has comments to keep");
        assert_formats_soundly(&name, &text);
    }
    assert!(files.len() >= 10, "found {} examples", files.len());
}

#[test]
fn crlf_and_cr_become_lf() {
    let text = "ec2 a # one\r\n\r\n\r\nec2 b\rec2 c\r\n";
    assert_eq!(
        assert_formats_soundly("t.cgr", text),
        "ec2 a # one\n\nec2 b\nec2 c\n"
    );
}

#[test]
fn an_empty_file_stays_empty() {
    assert_eq!(fmt("t.cgr", ""), "");
    assert_eq!(fmt("t.cgr", "\n\n  \n"), "");
    assert_eq!(fmt("t.cgr", "# only\n\n"), "# only\n");
}

fn cgr(args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("cloudgram").unwrap();
    cmd.args(args);
    cmd
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("cloudgram-fmt-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_command_rewrites_files_in_place_and_check_shows_a_diff() {
    let dir = scratch("cli");
    let messy = dir.join("messy.cgr");
    let tidy = dir.join("tidy.cgr");
    std::fs::write(&messy, "ec2   web;rds db # the db\nweb->db\n").unwrap();
    std::fs::write(&tidy, "ec2 web\n").unwrap();
    let (m, t) = (messy.to_str().unwrap(), tidy.to_str().unwrap());

    let out = cgr(&["fmt", "--check", m, t])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let diff = String::from_utf8(out).unwrap();
    assert!(diff.contains("-ec2   web;rds db # the db"), "{diff}");
    assert!(
        diff.contains("+ec2 web\n+rds db # the db\n+web -> db"),
        "{diff}"
    );
    assert!(!diff.contains("tidy.cgr"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        "ec2   web;rds db # the db\nweb->db\n"
    );

    cgr(&["fmt", m, t])
        .assert()
        .code(0)
        .stderr(format!("formatted {m}\n"));
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        "ec2 web\nrds db # the db\nweb -> db\n"
    );
    cgr(&["fmt", "--check", m, t]).assert().code(0).stdout("");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn standard_input_goes_to_standard_output() {
    cgr(&["fmt", "-"])
        .write_stdin("vpc v{ec2 a}")
        .assert()
        .code(0)
        .stdout("vpc v {\n    ec2 a\n}\n");
}

#[test]
fn a_file_that_does_not_parse_is_left_alone_with_status_2() {
    let dir = scratch("broken");
    let broken = dir.join("broken.cgr");
    let good = dir.join("good.cgr");
    std::fs::write(&broken, "ec2 a\nweb => db\n").unwrap();
    std::fs::write(&good, "ec2  b\n").unwrap();
    let out = cgr(&["fmt", broken.to_str().unwrap(), good.to_str().unwrap()])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(
        err.contains("error[E0001]") && err.contains("broken.cgr:2:"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "ec2 a\nweb => db\n"
    );
    assert_eq!(std::fs::read_to_string(&good).unwrap(), "ec2 b\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

// ------------------------------------------------------------ random designs

/// Attributes a random element may carry (a subset, keys unique).
const ATTRS: [&str; 14] = [
    "replicas: 2",
    "replicas: 2..6",
    "autoscale",
    "capacity: 800rps",
    "note: \"say \\\"hi\\\" \\\\ # not a comment\\nline two\"",
    "azs: [a, b]",
    "hit_ratio: 80%",
    "weight: 1.5",
    "multi_az: false",
    "engine: postgres",
    "path: a/b.c",
    "nested: [[1, 2], \"s\", []]",
    "rps: 20k",
    "timeout: 200ms",
];

/// An edge statement: its endpoints (each a comma list), operator, whether
/// it has a label, and its attributes.
type Chain = (Vec<Vec<usize>>, u8, bool, Vec<usize>);

#[derive(Debug, Clone)]
struct Design {
    /// For each element: its parent (an earlier container), whether it is a container, its attributes.
    elements: Vec<(Option<usize>, bool, Vec<usize>)>,
    /// Chains: element indices (comma lists of one or two), operator, labelled, attributes.
    edges: Vec<Chain>,
    /// Choices of spacing, separators and comments, used in turn.
    noise: Vec<u8>,
}

fn design() -> impl Strategy<Value = Design> {
    (2usize..16).prop_flat_map(|n| {
        (
            prop::collection::vec(
                (
                    any::<prop::sample::Index>(),
                    prop::bool::weighted(0.3),
                    any::<bool>(),
                    prop::collection::vec(0..ATTRS.len(), 0..4),
                ),
                n,
            ),
            prop::collection::vec(
                (
                    prop::collection::vec(prop::collection::vec(0..n, 1..3), 2..4),
                    0u8..4,
                    any::<bool>(),
                    prop::collection::vec(0..ATTRS.len(), 0..3),
                ),
                0..n,
            ),
            prop::collection::vec(any::<u8>(), 16..128),
        )
            .prop_map(|(raw, edges, noise)| {
                let mut elements: Vec<(Option<usize>, bool, Vec<usize>)> = Vec::new();
                for (i, (pick, container, top, attrs)) in raw.into_iter().enumerate() {
                    let containers: Vec<usize> = (0..i).filter(|j| elements[*j].1).collect();
                    let parent = if top || containers.is_empty() {
                        None
                    } else {
                        Some(containers[pick.index(containers.len())])
                    };
                    elements.push((parent, container, attrs));
                }
                Design {
                    elements,
                    edges,
                    noise,
                }
            })
    })
}

/// Writes a design in a random but valid style: spaces and tabs, `;` or new
/// lines, blank lines, comments alone on a line or after a token, wrapped
/// attribute lists and edges. Each comment is `# cN` with its own N.
struct Writer<'a> {
    noise: &'a [u8],
    at: usize,
    comments: usize,
    out: String,
}

impl Writer<'_> {
    fn pick(&mut self, n: u8) -> u8 {
        let b =
            self.noise[self.at % self.noise.len()].wrapping_add((self.at / self.noise.len()) as u8);
        self.at += 1;
        b % n
    }

    fn comment(&mut self) -> String {
        self.comments += 1;
        if self.comments.is_multiple_of(3) {
            format!("// c{}", self.comments)
        } else {
            format!("# c{}", self.comments)
        }
    }

    /// Space where one is needed.
    fn space(&mut self) {
        let s = [" ", "  ", "\t", " \t "][self.pick(4) as usize];
        self.out.push_str(s);
    }

    /// Space where none is needed.
    fn gap(&mut self) {
        let s = ["", "", " ", "   "][self.pick(4) as usize];
        self.out.push_str(s);
    }

    /// Where new lines are free: nothing, a new line, or a comment and a new line.
    fn free(&mut self) {
        match self.pick(6) {
            0 => self.out.push('\n'),
            1 => {
                let c = self.comment();
                self.out.push_str(&format!(" {c}\n   "));
            }
            2 => {
                let c = self.comment();
                self.out.push_str(&format!("\n  {c}\n\n "));
            }
            _ => self.gap(),
        }
    }

    /// Between statements.
    fn separator(&mut self) {
        match self.pick(7) {
            0 => self.out.push(';'),
            1 => self.out.push_str(" ; "),
            2 => self.out.push_str("\n\n\n"),
            3 => {
                let c = self.comment();
                self.out.push_str(&format!(" {c}\n"));
            }
            4 => {
                let c = self.comment();
                self.out.push_str(&format!("\n\t{c}\n\n"));
            }
            _ => self.out.push('\n'),
        }
    }

    fn attrs(&mut self, picked: &[usize]) {
        let mut seen = std::collections::BTreeSet::new();
        let list: Vec<&str> = picked
            .iter()
            .map(|i| ATTRS[*i])
            .filter(|a| seen.insert(a.split(':').next().unwrap()))
            .collect();
        if list.is_empty() {
            return;
        }
        self.gap();
        self.out.push('[');
        self.free();
        for (i, a) in list.iter().enumerate() {
            if i > 0 {
                self.free();
                self.out.push(',');
                self.free();
            }
            let colon = if self.pick(2) == 0 { ":" } else { ": " };
            self.out.push_str(&a.replace(": ", colon));
        }
        if self.pick(3) == 0 {
            self.out.push(',');
        }
        self.free();
        self.out.push(']');
    }
}

fn source(d: &Design) -> String {
    let mut w = Writer {
        noise: &d.noise,
        at: 0,
        comments: 0,
        out: String::new(),
    };
    if w.pick(2) == 0 {
        w.out.push_str("title \"Random \\\"design\\\"\"");
        w.separator();
    }
    fn write(d: &Design, parent: Option<usize>, w: &mut Writer<'_>) {
        for (i, (p, container, attrs)) in d.elements.iter().enumerate() {
            if *p != parent {
                continue;
            }
            w.gap();
            w.out.push_str(if *container { "group" } else { "ec2" });
            w.space();
            w.out.push_str(&format!("n{i}"));
            if i % 3 == 0 {
                w.space();
                w.out.push_str("\"주문 \\\\ 서비스\"");
            }
            w.attrs(attrs);
            if *container {
                w.gap();
                w.out.push('{');
                w.separator();
                write(d, Some(i), w);
                w.gap();
                w.out.push('}');
            }
            w.separator();
        }
    }
    write(d, None, &mut w);
    for (chain, op, label, attrs) in &d.edges {
        for (k, ends) in chain.iter().enumerate() {
            if k > 0 {
                w.gap();
                w.out.push_str(["->", "~>", "<->", "--"][*op as usize]);
                w.free();
            }
            for (j, e) in ends.iter().enumerate() {
                if j > 0 {
                    w.gap();
                    w.out.push(',');
                    w.free();
                }
                w.gap();
                w.out.push_str(&format!("n{e}"));
            }
        }
        if *label {
            w.gap();
            w.out.push(':');
            w.free();
            w.out.push_str("\"HTTPS 요청\"");
        }
        w.attrs(attrs);
        w.separator();
    }
    w.out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(256)
    ))]

    #[test]
    fn random_designs_format_soundly(d in design()) {
        let text = source(&d);
        let c = check(&SourceFile::new("random.cgr", &text));
        prop_assert!(
            !c.diagnostics.iter().any(|d| d.code.starts_with("E0")),
            "the generator wrote a file with syntax errors:\n{}\n{:?}", text, c.diagnostics
        );
        let once = fmt("random.cgr", &text);
        prop_assert_eq!(meaning("random.cgr", &once), meaning("random.cgr", &text), "{}\n----\n{}", text, once);
        prop_assert_eq!(&fmt("random.cgr", &once), &once, "{}", text);
        prop_assert_eq!(comments(&once), comments(&text), "{}\n----\n{}", text, once);
    }
}
