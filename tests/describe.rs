//! `cloudgram describe`: every kind of the catalog and every interview topic
//! has a complete entry in English and Korean, every snippet compiles, names
//! resolve through the catalog's aliases, and the language follows `--lang`
//! or the locale.

use assert_cmd::Command;
use cloudgram::cli::describe::{Entry, KIND_FILES, SCOPES, TOPIC_FILES};
use cloudgram::compile::compile_str;
use cloudgram::model::catalog::KINDS;
use cloudgram::text::display_columns;

/// The topics the study guide promises (issue 13).
const TOPICS: &[&str] = &[
    "msa",
    "api-gateway",
    "service-discovery",
    "container-vs-vm",
    "kubernetes",
    "acid",
    "rdbms-vs-nosql",
    "rag",
    "mlops",
    "private-5g",
    "hpc",
    "scaling-to-1m",
];

/// cloudgram with no locale in its environment (the tests set one when they mean to).
fn cloudgram() -> Command {
    let mut cmd = Command::cargo_bin("cloudgram").expect("binary is built");
    cmd.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    cmd
}

fn describe(args: &[&str], code: i32) -> (String, String) {
    let out = cloudgram()
        .arg("describe")
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn has_hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

/// Every entry, parsed: (kind or topic name, is topic, English, Korean).
fn entries() -> Vec<(&'static str, bool, Entry, Entry)> {
    let parse = |name: &str, lang: &str, text: &str| {
        Entry::parse(text).unwrap_or_else(|e| panic!("describe/{lang} `{name}`: {e}"))
    };
    KIND_FILES
        .iter()
        .map(|(n, en, ko)| (*n, false, en, ko))
        .chain(TOPIC_FILES.iter().map(|(n, en, ko)| (*n, true, en, ko)))
        .map(|(n, topic, en, ko)| (n, topic, parse(n, "en", en), parse(n, "ko", ko)))
        .collect()
}

#[test]
fn every_kind_and_topic_has_a_complete_entry_in_both_languages() {
    let entries = entries();
    for k in KINDS {
        assert!(
            entries.iter().any(|(n, topic, ..)| !topic && *n == k.name),
            "kind `{}` has no entry under describe/",
            k.name
        );
    }
    for t in TOPICS {
        assert!(
            entries.iter().any(|(n, topic, ..)| *topic && n == t),
            "topic `{t}` has no entry under describe/"
        );
    }
    for (name, topic, en, ko) in &entries {
        for (lang, e) in [("en", en), ("ko", ko)] {
            let missing = e.missing(*topic);
            assert!(
                missing.is_empty(),
                "describe/{lang} `{name}`: empty {missing:?}"
            );
        }
        assert!(
            has_hangul(&ko.what),
            "`{name}`: the Korean entry is not in Korean"
        );
        assert!(
            !has_hangul(&en.what),
            "`{name}`: the English entry holds Korean"
        );
        assert_eq!(
            en.figures.len(),
            ko.figures.len(),
            "`{name}`: figures differ"
        );
        for (f, g) in en.figures.iter().zip(&ko.figures) {
            assert_eq!(f.source, g.source, "`{name}`: a figure's source differs");
            assert_eq!(f.url, g.url, "`{name}`: a figure's address differs");
        }
        assert_eq!(en.scope, ko.scope, "`{name}`: scope differs");
        assert!(*topic || SCOPES.contains(&en.scope.as_str()));
        assert_eq!(en.kinds, ko.kinds, "`{name}`: kinds differ");
        assert_eq!(en.rules, ko.rules, "`{name}`: rules differ");
        assert_eq!(en.points.len(), ko.points.len(), "`{name}`: points differ");
        for k in &en.kinds {
            assert!(
                cloudgram::model::catalog::lookup(k).is_some(),
                "`{name}` names kind `{k}`, which the catalog does not know"
            );
        }
        for r in &en.rules {
            assert!(
                cloudgram::lint::find(r).is_some(),
                "`{name}` names rule `{r}`, which does not exist"
            );
        }
    }
}

#[test]
fn every_snippet_compiles_without_a_diagnostic() {
    for (name, _, en, ko) in entries() {
        for (lang, e) in [("en", &en), ("ko", &ko)] {
            let c = compile_str(&format!("describe/{lang}/{name}"), &e.snippet);
            assert!(
                c.arch.is_some() && c.diagnostics.is_empty(),
                "the {lang} snippet of `{name}` does not compile cleanly:\n{}\n{:#?}",
                e.snippet,
                c.diagnostics
            );
        }
    }
}

#[test]
fn at_least_five_entries_cite_their_sources_inline() {
    let cited: Vec<&str> = entries()
        .into_iter()
        .filter(|(_, _, en, _)| en.figures.iter().any(|f| f.url.starts_with("https://")))
        .map(|(n, ..)| n)
        .collect();
    assert!(cited.len() >= 5, "only {cited:?} cite a source");
    for name in ["s3", "rds", "sqs", "lambda", "dynamodb"] {
        assert!(cited.contains(&name), "`{name}` cites no source");
    }
    let (out, _) = describe(&["s3"], 0);
    assert!(out.contains("99.999999999%") && out.contains("https://docs.aws.amazon.com/"));
}

#[test]
fn every_kind_and_topic_prints_in_both_languages() {
    let names = KINDS
        .iter()
        .map(|k| k.name)
        .chain(TOPIC_FILES.iter().map(|(n, _, _)| *n));
    for name in names {
        for lang in ["en", "ko"] {
            let (out, err) = describe(&[name, "--lang", lang], 0);
            assert!(err.is_empty(), "{name} {lang}: {err}");
            assert!(
                out.starts_with(&format!("{name} — ")),
                "{name} {lang}:\n{out}"
            );
            // English may name a Korean term (5G 특화망, 이음 5G); Korean is Korean.
            let hangul = out.chars().filter(|c| has_hangul(&c.to_string())).count();
            if lang == "ko" {
                assert!(hangul > 100, "{name} ko: only {hangul} Hangul syllables");
            } else {
                assert!(hangul <= 12, "{name} en: {hangul} Hangul syllables");
            }
            // Prose is wrapped at 80 columns, Hangul counted as two; only
            // addresses, which cannot be broken, and snippets may be longer.
            let prose = &out[..out.rfind("\n\n").unwrap()];
            for line in prose.lines() {
                assert!(
                    display_columns(line) <= 80 || line.contains("://"),
                    "{name} {lang}: a line of {} columns: {line}",
                    display_columns(line)
                );
            }
        }
    }
}

#[test]
fn aliases_resolve_through_the_catalog() {
    for (alias, kind) in [
        ("postgres", "rds"),
        ("mysql", "rds"),
        ("eks", "k8s"),
        ("redis", "elasticache"),
        ("bucket", "s3"),
        ("eureka", "registry"),
        ("bedrock", "llm"),
        ("RDS", "rds"),
    ] {
        let (out, _) = describe(&[alias], 0);
        assert!(out.starts_with(&format!("{kind} — ")), "{alias}:\n{out}");
    }
    // A topic wins over a kind alias of the same name, and points at the kind.
    let (out, _) = describe(&["mlops"], 0);
    assert!(out.starts_with("mlops — MLOps"));
    assert!(out.contains("`cloudgram describe pipeline`"));
}

#[test]
fn an_unknown_name_is_an_error_with_a_suggestion() {
    let (out, err) = describe(&["postgress"], 2);
    assert!(out.is_empty());
    assert!(
        err.contains("error: nothing to describe under `postgress`"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `postgres`?"), "{err}");
    let (_, err) = describe(&["scaling-to-1n"], 2);
    assert!(err.contains("did you mean `scaling-to-1m`?"), "{err}");
    let (_, err) = describe(&["zzzzzz"], 2);
    assert!(err.contains("`cloudgram describe` lists"), "{err}");
    describe(&["rds", "--lang", "fr"], 2);
}

#[test]
fn without_a_name_it_lists_every_kind_and_topic() {
    let (out, _) = describe(&[], 0);
    for k in KINDS {
        assert!(out.contains(&format!("    {} ", k.name)), "{}", k.name);
    }
    for t in TOPICS {
        assert!(out.contains(&format!("  {t} ")), "{t}");
    }
    let (ko, _) = describe(&["--lang", "ko"], 0);
    assert!(has_hangul(&ko) && ko.contains("주제"));
}

#[test]
fn korean_follows_the_locale_when_no_flag_is_given() {
    let run = |envs: &[(&str, &str)], args: &[&str]| {
        let mut cmd = cloudgram();
        cmd.args(["describe", "rds"]).args(args);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.assert().code(0).get_output().stdout.clone()).unwrap()
    };
    assert!(has_hangul(&run(&[("LANG", "ko_KR.UTF-8")], &[])));
    assert!(has_hangul(&run(&[("LC_MESSAGES", "ko_KR.UTF-8")], &[])));
    assert!(has_hangul(&run(&[("LC_ALL", "ko")], &[])));
    assert!(!has_hangul(&run(&[("LANG", "en_US.UTF-8")], &[])));
    assert!(!has_hangul(&run(&[], &[])));
    // LC_ALL overrides LANG, and the flag overrides both.
    assert!(!has_hangul(&run(
        &[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "C")],
        &[]
    )));
    assert!(!has_hangul(&run(
        &[("LANG", "ko_KR.UTF-8")],
        &["--lang", "en"]
    )));
    assert!(has_hangul(&run(&[("LANG", "C")], &["--lang", "ko"])));
}

#[test]
fn the_guide_uses_the_failover_times_of_fail() {
    // rds: the provider's 60–120 s and the model's agree.
    let (out, _) = describe(&["rds"], 0);
    assert!(out.contains("typically 60–120 seconds") && out.contains("60–120 s (fail)"));
    let (out, _) = describe(&["aurora"], 0);
    assert!(out.contains("~30 s (fail)"), "{out}");
}

#[test]
fn the_korean_readme_is_linked_compiles_and_shows_its_picture() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let head: String = readme.lines().take(5).collect::<Vec<_>>().join("\n");
    assert!(
        head.contains("(README.ko.md)"),
        "README.md links README.ko.md at its top"
    );
    assert!(readme.contains("## Study guide: `describe`"));

    let ko = std::fs::read_to_string(format!("{root}/README.ko.md")).unwrap();
    assert!(ko.contains("(README.md)"));
    let picture = "docs/korean-shop.svg";
    assert!(ko.contains(&format!("]({picture})")));
    let svg = std::fs::read_to_string(format!("{root}/{picture}")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("소규모 쇼핑몰"));
    let section = &ko[ko.find("## 언어 예시").expect("a language section")..];
    let start = section.find("```\n").unwrap() + 4;
    let end = start + section[start..].find("```").unwrap();
    let c = compile_str("README.ko.md", &section[start..end]);
    assert!(c.diagnostics.is_empty(), "{:#?}", c.diagnostics);
    assert!(c.arch.unwrap().elements.len() > 8);
    for t in TOPICS {
        assert!(
            ko.contains(&format!("`{t}`")),
            "README.ko.md names topic `{t}`"
        );
    }
    for command in [
        "render", "check", "rules", "explain", "kinds", "describe", "simulate", "fail", "fmt",
        "watch", "serve", "lsp", "generate",
    ] {
        assert!(
            ko.contains(&format!("`cloudgram {command}")),
            "README.ko.md lists `{command}`"
        );
    }
}
