//! Inputs the fuzz targets (`fuzz/`) reported, kept as regressions: each
//! compiles, lays out within the geometric contract and draws well-formed
//! SVG. A file's name says what the fuzzer saw.
//!
//! - `design-slow-under-sanitizer.cgr`: the `design` target's unit took
//!   over 10 s (its timeout) under libFuzzer's instrumentation on a loaded
//!   machine, 2026-12-02. In a release build it renders in about 0.6 s;
//!   23 boxes (empty VPCs, nested zones), 44 edges.

mod common;

#[test]
fn every_fuzz_finding_draws_soundly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let files = common::files(dir, "cgr");
    assert!(!files.is_empty(), "no finding in {dir}");
    for path in &files {
        common::assert_design_draws_soundly(path);
    }
}
