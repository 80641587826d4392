//! The load model is one module: PF002 reports its numbers, and anything
//! else (a future `simulate`) gets the same figures from `graph::load`.

use cloudgram::compile::{check, compile_str};
use cloudgram::graph::{ArchGraph, load};
use cloudgram::lint::analysis::fmt_rps;
use cloudgram::source::SourceFile;

const SHOP: &str = "client users [users: 400k]\n\
    api_gateway gw [rate_limit: 3k]\n\
    service catalog [replicas: 2..4, autoscale, capacity: 300rps]\n\
    service orders [replicas: 2..4, autoscale, capacity: 300rps]\n\
    postgres db [multi_az, capacity: 2000rps]\n\
    sqs q\n\
    service mailer [replicas: 2, capacity: 100rps]\n\
    users -> gw -> catalog, orders\n\
    catalog, orders -> db\n\
    orders ~> q ~> mailer\n";

#[test]
fn pf002_reports_the_models_figures() {
    let arch = compile_str("shop.cgr", SHOP).arch.unwrap();
    let graph = ArchGraph::new(&arch);
    let model = load::estimate(&arch, &graph, 1.0);
    assert_eq!(graph.load, model, "the graph holds the model at scale 1");
    let at = |id: &str| model.offered(arch.find(id).unwrap());
    // 400k users → 4k rps; the gateway admits 3k; each route gets all of it.
    assert_eq!(at("gw"), 4000.0);
    assert_eq!(at("catalog"), 3000.0);
    assert_eq!(at("orders"), 3000.0);
    assert_eq!(at("db"), 6000.0);
    assert_eq!(at("mailer"), 3000.0);
    let diagnostics = check(&SourceFile::new("shop.cgr", SHOP)).diagnostics;
    for id in ["catalog", "orders", "db", "mailer"] {
        let d = diagnostics
            .iter()
            .find(|d| d.code == "PF002" && d.subjects == [id])
            .unwrap_or_else(|| panic!("PF002 on {id}: {diagnostics:#?}"));
        let figure = format!("estimated load of {} on `{id}`", fmt_rps(at(id)));
        assert!(d.message.contains(&figure), "{}", d.message);
    }
}

#[test]
fn the_model_scales_with_the_entry_rates_it_is_given() {
    let arch = compile_str("shop.cgr", SHOP).arch.unwrap();
    let graph = ArchGraph::new(&arch);
    let half = load::estimate(&arch, &graph, 0.5);
    let at = |id: &str| half.offered(arch.find(id).unwrap());
    assert_eq!(at("gw"), 2000.0);
    assert_eq!(at("catalog"), 2000.0, "under the gateway's limit now");
    let users = arch.find("users").unwrap();
    let given = load::estimate_with(&arch, &graph, |e| if e == users { 1000.0 } else { 0.0 });
    assert_eq!(given.offered(arch.find("db").unwrap()), 2000.0);
    assert_eq!(given.on_edge.len(), arch.edges.len());
}
