//! Korean output (`--lang ko`, `LANG=ko_KR.UTF-8`): every message has both
//! languages, every diagnostic the compiler and the linter make can be shown
//! in Korean, carets stay under the right column, and English stays the
//! default.

use assert_cmd::Command;
use cloudgram::diagnostic::codes::CODES;
use cloudgram::i18n::{self, Lang};
use std::path::{Path, PathBuf};

fn cloudgram() -> Command {
    let mut cmd = Command::cargo_bin("cloudgram").expect("binary is built");
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        cmd.env_remove(var);
    }
    cmd
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("UTF-8")
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|x| x == ext) {
            out.push(path);
        }
    }
}

/// Every message id the sources name: `msg!("id"`, `tr(…, "id")`,
/// `word("id")`, `said("id")` and the `Some("word-…")` of the grammar table.
fn ids_in_sources() -> Vec<(String, PathBuf)> {
    let mut sources = Vec::new();
    files(&root().join("src"), "rs", &mut sources);
    let mut out = Vec::new();
    for path in sources {
        let text = std::fs::read_to_string(&path).unwrap();
        for opener in [
            "msg!(\"",
            "msg!(\n",
            "word(\"",
            "said(\"",
            "Some(\"word-",
            "\"found-",
        ] {
            let mut rest = text.as_str();
            while let Some(i) = rest.find(opener) {
                rest = &rest[i + opener.len()..];
                let body = rest.trim_start();
                let body = body.strip_prefix('"').unwrap_or(body);
                let id: String = body
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                let id = match opener {
                    "Some(\"word-" => format!("word-{id}"),
                    "\"found-" => format!("found-{id}"),
                    _ => id,
                };
                if !id.is_empty() && !id.ends_with('-') {
                    out.push((id, path.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn every_message_the_sources_name_exists_in_both_languages() {
    let en = i18n::ids(Lang::En);
    let ko = i18n::ids(Lang::Ko);
    let named = ids_in_sources();
    assert!(named.len() > 200, "found only {} ids", named.len());
    for (id, path) in named {
        assert!(
            en.contains(&id),
            "`{id}` ({}) is not in i18n/en",
            path.display()
        );
        assert!(
            ko.contains(&id),
            "`{id}` ({}) is not in i18n/ko",
            path.display()
        );
    }
}

#[test]
fn every_rule_and_code_has_its_summary_in_both_languages() {
    for r in cloudgram::lint::registry() {
        let id = format!("{}-summary", r.code().to_ascii_lowercase());
        assert_eq!(i18n::tr(Lang::En, &id), r.summary(), "{id}");
        assert!(i18n::has(Lang::Ko, &id), "{id}");
        for p in r.meta().params {
            let id = format!("{}-param-{}", r.code().to_ascii_lowercase(), p.name);
            assert_eq!(i18n::tr(Lang::En, &id), p.description, "{id}");
            assert!(i18n::has(Lang::Ko, &id), "{id}");
        }
    }
    for c in CODES {
        let id = format!("{}-summary", c.code.to_ascii_lowercase());
        assert_eq!(i18n::tr(Lang::En, &id), c.summary, "{id}");
        assert!(i18n::has(Lang::Ko, &id), "{id}");
    }
}

/// Every diagnostic of every fixture and example (compile errors and
/// warnings, lint findings) is made of messages, so it has its Korean.
#[test]
fn every_diagnostic_of_the_fixtures_is_localized() {
    let mut designs = Vec::new();
    files(&root().join("tests/fixtures"), "cgr", &mut designs);
    files(&root().join("examples"), "cgr", &mut designs);
    let mut sources: Vec<(String, String)> = designs
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
        .collect();
    // The examples of the compile codes' manuals, and slips people make.
    for c in CODES {
        for block in c.doc.split("```cgr\n").skip(1) {
            let body = block.split("```").next().unwrap_or_default();
            sources.push((c.code.to_string(), body.replace("\\\"", "\"")));
        }
    }
    let slips = [
        "ec2 web\nweb --> db",
        "a => b",
        "a <- b",
        "ec2 웹서버",
        "ec2 a\nec2 b\na -> b \"x\"",
        "ec2 web Web Server",
        "ec2 w [replicas 2]",
        "ec2 a\na ->",
        "}",
        "vpc v {\n ec2 a",
        "ec2 a [",
        "ec2 a \"x\\q\"",
        "ec2 a \"open",
        "title web",
        "group g { title \"t\" }",
        "group g { direction down }",
        "direction down\ndirection up",
        "ec2 a [color: \"bleu\"]",
        "ec2 a [color: \"#12\"]",
        "ec2 a [port: 70000]",
        "ec2 a [replicas: 6..2]",
        "ec2 a [allow: ZZ999]",
        "ec2 a \"\u{1}\"",
        "az a { ec2 x }\nec2 y [azs: [a, q]]",
    ];
    for slip in slips {
        sources.push(("slip".to_string(), slip.to_string()));
    }
    let mut codes = std::collections::BTreeSet::new();
    let mut seen = 0;
    for (name, text) in sources {
        let c = cloudgram::compile::compile_str(&name, &text);
        let mut diagnostics = c.diagnostics.clone();
        if let Some(arch) = &c.arch {
            let graph = cloudgram::graph::ArchGraph::new(arch);
            diagnostics.extend(cloudgram::lint::run(arch, &graph));
        }
        for d in diagnostics {
            seen += 1;
            codes.insert(d.code);
            assert!(d.is_localized(), "{name}: {d:?}");
            let ko = d.in_lang(Lang::Ko);
            assert!(has_hangul(&ko.message), "{}: {}", d.code, ko.message);
            assert!(!ko.message.contains(['\u{2068}', '\u{2069}']));
        }
    }
    assert!(
        seen > 100 && codes.len() > 55,
        "{seen} diagnostics, {codes:?}"
    );
}

#[test]
fn english_is_the_default_and_ko_locales_choose_korean() {
    let example = root().join("tests/fixtures/lint/AV004_fires.cgr");
    let english = stdout(cloudgram().arg("check").arg(&example));
    assert!(english.contains("has no failover"), "{english}");
    assert!(!has_hangul(&english));
    let flag = stdout(cloudgram().args(["check", "--lang", "ko"]).arg(&example));
    assert!(flag.contains("장애 조치가 없습니다"), "{flag}");
    assert!(flag.contains("warning[AV004]"), "the frame stays: {flag}");
    for (var, value) in [
        ("LANG", "ko_KR.UTF-8"),
        ("LC_MESSAGES", "ko"),
        ("LC_ALL", "ko_KR.eucKR"),
    ] {
        let by_env = stdout(cloudgram().env(var, value).arg("check").arg(&example));
        assert_eq!(by_env, flag, "{var}={value}");
    }
    let c_locale = stdout(
        cloudgram()
            .env("LC_ALL", "C")
            .env("LANG", "ko_KR.UTF-8")
            .arg("check")
            .arg(&example),
    );
    assert_eq!(c_locale, english, "LC_ALL comes first");
    let forced = stdout(
        cloudgram()
            .env("LANG", "ko_KR.UTF-8")
            .args(["--lang", "en", "check"])
            .arg(&example),
    );
    assert_eq!(forced, english, "--lang wins over the locale");
    let json = stdout(
        cloudgram()
            .args(["check", "--lang", "ko", "--format", "json"])
            .arg(&example),
    );
    assert!(!has_hangul(&json), "JSON stays English: {json}");
}

/// The caret sits under the span when Hangul comes before it on the line:
/// each Hangul syllable takes two terminal columns.
#[test]
fn carets_count_hangul_as_two_columns() {
    let source = "ec2 web \"주문 서비스\" [replicas: \"둘\"]\n";
    let out = cloudgram()
        .args(["check", "--lang", "ko", "-"])
        .write_stdin(source)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("error[E0104]: `replicas`에 맞지 않는 값"),
        "{text}"
    );
    assert!(text.contains("--> <stdin>:1:29"), "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let source_line = lines.iter().position(|l| l.contains("ec2 web")).unwrap();
    let (code, marks) = (lines[source_line], lines[source_line + 1]);
    let columns = |s: &str| cloudgram::text::display_columns(s);
    let value = code.find("\"둘\"").unwrap();
    let caret = marks.find('^').unwrap();
    assert_eq!(
        columns(&marks[..caret]),
        columns(&code[..value]),
        "\n{code}\n{marks}"
    );
    let width = marks[caret..].chars().take_while(|c| *c == '^').count();
    assert_eq!(width, columns("\"둘\""), "\n{code}\n{marks}");
    assert!(
        has_hangul(&marks[caret + width..]),
        "the note is Korean: {marks}"
    );
}

#[test]
fn the_korean_example_checks_in_korean() {
    let out = cloudgram()
        .args(["check", "--lang", "ko"])
        .arg(root().join("examples/korean-shop.cgr"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("파일 1개 검사"), "{text}");
    // An error in it: a misspelt kind after a Hangul comment line.
    let broken = std::fs::read_to_string(root().join("examples/korean-shop.cgr"))
        .unwrap()
        .replace("redis cart", "rediss cart");
    let out = cloudgram()
        .args(["check", "--lang", "ko", "-"])
        .write_stdin(broken)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error[E0100]: 알 수 없는 종류 `rediss`"),
        "{text}"
    );
    assert!(text.contains("혹시 `redis`을(를) 뜻했나요?"), "{text}");
}

#[test]
fn rules_explain_and_kinds_speak_korean() {
    let rules = stdout(cloudgram().args(["rules", "--lang", "ko"]));
    assert!(rules.starts_with("코드"), "{rules}");
    assert!(rules.contains("AV002  single-point-of-failure"), "{rules}");
    assert!(rules.contains("단일 장애점"), "{rules}");
    let explain = stdout(cloudgram().args(["--lang", "ko", "explain", "AV002"]));
    assert!(explain.contains("분류: availability"), "{explain}");
    let kinds = stdout(cloudgram().args(["kinds", "database", "--lang", "ko"]));
    assert!(kinds.starts_with("종류"), "{kinds}");
    assert!(kinds.contains("용량: "), "{kinds}");
    let unknown = cloudgram()
        .args(["explain", "AV0002", "--lang", "ko"])
        .output()
        .unwrap();
    let err = String::from_utf8(unknown.stderr).unwrap();
    assert!(err.starts_with("error: 알 수 없는 규칙"), "{err}");
    let missing = cloudgram()
        .args(["check", "--lang", "ko", "no-such-file.cgr"])
        .output()
        .unwrap();
    let err = String::from_utf8(missing.stderr).unwrap();
    assert!(
        err.contains("읽을 수 없습니다: 그런 파일이 없습니다"),
        "{err}"
    );
}

/// `render --format png` with the system's fonts switched off, as on a
/// machine with no font installed: Hangul still comes out, from the font
/// embedded in the binary.
fn png_without_system_fonts(source: &str) -> (Vec<u8>, String) {
    let out = cloudgram()
        .env("CLOUDGRAM_NO_SYSTEM_FONTS", "1")
        .args(["render", "-", "--format", "png", "-o", "-"])
        .write_stdin(source)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    (out.stdout, String::from_utf8(out.stderr).unwrap())
}

#[test]
fn png_draws_hangul_without_system_fonts() {
    let shop = std::fs::read_to_string(root().join("examples/korean-shop.cgr")).unwrap();
    let (png, warnings) = png_without_system_fonts(&shop);
    assert!(!warnings.contains("no font"), "{warnings}");
    assert!(png.starts_with(b"\x89PNG"));
    // Two labels that differ only in their Hangul draw different pixels.
    let decode = |bytes: &[u8]| resvg::tiny_skia::Pixmap::decode_png(bytes).unwrap();
    let (a, warn_a) = png_without_system_fonts("ec2 web \"주문\"");
    let (b, _) = png_without_system_fonts("ec2 web \"결제\"");
    assert_eq!(warn_a, "");
    let (a, b) = (decode(&a), decode(&b));
    assert_eq!((a.width(), a.height()), (b.width(), b.height()));
    let differing = a
        .pixels()
        .iter()
        .zip(b.pixels())
        .filter(|(p, q)| p != q)
        .count();
    assert!(
        differing > 40,
        "Hangul was not drawn ({differing} pixels differ)"
    );
    // The switch works: a script no embedded font has is reported missing.
    let (_, warnings) = png_without_system_fonts("ec2 web \"Ж\"");
    assert!(warnings.contains("U+0416"), "{warnings}");
}

/// The ```` ```cgr ```` blocks of a manual.
fn cgr_blocks(text: &str) -> Vec<&str> {
    text.split("```cgr\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap_or_default())
        .collect()
}

/// Every rule and compile code has a Korean manual with the English one's
/// sections, in order, and the same examples (so it can never teach
/// another design).
#[test]
fn korean_manuals_follow_the_english_ones() {
    let mut translated = 0;
    for r in cloudgram::lint::registry() {
        let Some(ko) = i18n::manual(Lang::Ko, r.code()) else {
            continue;
        };
        translated += 1;
        let headings: Vec<&str> = ko.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(
            headings,
            [
                "## 하는 일",
                "## 왜 문제인가?",
                "## 예",
                "## 대신 이렇게",
                "## 참고 자료"
            ],
            "{}",
            r.code()
        );
        assert_eq!(cgr_blocks(ko), cgr_blocks(&r.explanation()), "{}", r.code());
        let shown = stdout(cloudgram().args(["explain", r.code(), "--lang", "ko"]));
        assert!(shown.contains("## 왜 문제인가?"), "{shown}");
    }
    assert_eq!(
        translated,
        cloudgram::lint::registry().len(),
        "a rule has no Korean manual"
    );
    for c in CODES {
        let ko = i18n::manual(Lang::Ko, c.code).unwrap_or_else(|| panic!("{}", c.code));
        let headings: Vec<&str> = ko.lines().filter(|l| l.starts_with("## ")).collect();
        assert_eq!(headings, ["## 뜻", "## 예", "## 고치는 법"], "{}", c.code);
        let blocks = |text: &str| -> Vec<String> {
            text.split("```")
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        };
        assert_eq!(blocks(ko), blocks(c.doc), "{}", c.code);
    }
    let shown = stdout(cloudgram().args(["explain", "E0102", "--lang", "ko"]));
    assert!(shown.contains("## 고치는 법"), "{shown}");
}
