//! Phase 2: one layer grid for the whole diagram. Cycles are broken
//! ([`cycles`](crate::layout::layered)-style greedy order), every item gets
//! the longest-path layer, isolated items are packed in a grid, the tier
//! subnets of sibling zones start on one layer, and each container gets the
//! band of layers its content spans (sibling zones share one band). Long
//! edges get a dummy in every layer they pass and a slot for their caption.

use super::{Engine, Item, ItemKind};
use crate::layout::layered::feedback_order;
use crate::layout::measure;
use crate::layout::stats::stem;
use crate::model::ElementId;
use std::collections::{BTreeMap, HashSet};

/// Space between an edge's line and its caption.
pub const LABEL_GAP: f64 = 6.0;

impl Engine<'_> {
    pub fn rank(&mut self) {
        let n = self.items.len();
        self.extra.clear();
        self.inside_constraints();
        self.extra.extend(self.lead_in.iter().copied());
        let mut pairs: Vec<(usize, usize)> = self
            .links
            .iter()
            .filter(|l| !l.flat)
            .map(|l| (l.tail, l.head))
            .collect();
        pairs.extend(self.extra.iter().copied());
        let pos = feedback_order(n, &pairs);
        for l in &mut self.links {
            if pos[l.tail] > pos[l.head] {
                std::mem::swap(&mut l.tail, &mut l.head);
                l.reversed = true;
            }
        }
        self.extra.retain(|&(a, b)| pos[a] < pos[b]);
        let mut topo: Vec<usize> = (0..n).collect();
        topo.sort_by_key(|&v| pos[v]);
        let mut edges: Vec<(usize, usize, usize)> = self
            .links
            .iter()
            .filter(|l| !l.flat)
            .map(|l| (l.tail, l.head, l.len))
            .collect();
        edges.extend(self.extra.iter().map(|&(a, b)| (a, b, 1)));
        let mut preds: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        let mut succs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
        for &(a, b, d) in &edges {
            if a != b {
                preds[b].push((a, d));
                succs[a].push((b, d));
            }
        }
        let mut layer = vec![0usize; n];
        for &v in &topo {
            let from_preds = preds[v].iter().map(|&(u, d)| layer[u] + d).max();
            layer[v] = from_preds.unwrap_or(0).max(self.min_layer[v]);
        }
        self.anchors_to_content(&mut layer, &preds, &succs);
        // Sources sit just before their first successor when they share its
        // container; one calling into another container (a client calling
        // into a region) stays on top, so that its edge comes down into the
        // container from above instead of from beside it.
        let inside: HashSet<usize> = self.pending_inside.iter().map(|p| p.0).collect();
        for &v in topo.iter().rev() {
            let same_room = succs[v]
                .iter()
                .all(|&(w, _)| self.items[w].parent == self.items[v].parent);
            if preds[v].is_empty() && !succs[v].is_empty() && !inside.contains(&v) && same_room {
                layer[v] = succs[v]
                    .iter()
                    .map(|&(w, d)| layer[w].saturating_sub(d))
                    .min()
                    .unwrap_or(0)
                    .max(self.min_layer[v]);
            }
        }
        let isolated: Vec<bool> = (0..n)
            .map(|v| preds[v].is_empty() && succs[v].is_empty())
            .collect();
        self.pack_isolated(&mut layer, &isolated);
        self.align_tiers(&mut layer, &topo, &preds);
        self.raise_egress(&mut layer, &preds);
        // Associations between sites run down the layers like any edge when
        // their ends are far enough apart, else across one layer.
        for l in &mut self.links {
            if !l.flat {
                continue;
            }
            if layer[l.tail] > layer[l.head] {
                std::mem::swap(&mut l.tail, &mut l.head);
                l.reversed = !l.reversed;
            }
            if layer[l.head] >= layer[l.tail] + l.len {
                l.flat = false;
            } else {
                layer[l.head] = layer[l.head].max(layer[l.tail]);
            }
        }
        let low = layer.iter().copied().min().unwrap_or(0);
        for (it, l) in self.items.iter_mut().zip(&layer) {
            it.layer = l - low;
        }
        self.compute_bands();
        self.add_dummies();
        self.add_placeholders();
        let depth = self.items.iter().map(|i| i.layer + 1).max().unwrap_or(0);
        self.layers = vec![Vec::new(); depth];
        for (i, it) in self.items.iter().enumerate() {
            self.layers[it.layer].push(i);
        }
    }

    /// An edge from outside ends at a container where its content begins
    /// (or leaves where its content ends), not at a layer of its own far
    /// ahead of the content: that would stretch the container over empty
    /// layers.
    fn anchors_to_content(
        &self,
        layer: &mut [usize],
        preds: &[Vec<(usize, usize)>],
        succs: &[Vec<(usize, usize)>],
    ) {
        let anchor: HashSet<usize> = self.anchors.iter().map(|a| a.0).collect();
        for &(a, c, role) in &self.anchors {
            if role != super::AnchorRole::Outside || !preds[a].is_empty() && !succs[a].is_empty() {
                continue;
            }
            let content = (0..self.base)
                .filter(|&v| !anchor.contains(&v) && self.inside(v, c))
                .map(|v| layer[v]);
            let (lo, hi) = content.fold((usize::MAX, 0), |(lo, hi), l| (lo.min(l), hi.max(l)));
            if lo == usize::MAX {
                continue;
            }
            if succs[a].is_empty() {
                // Entered from outside: at the content's first layer.
                layer[a] = layer[a].max(lo);
            } else {
                // Left towards outside: as late as its successors allow,
                // up to the content's last layer.
                let room = succs[a]
                    .iter()
                    .map(|&(w, d)| layer[w].saturating_sub(d))
                    .min()
                    .unwrap_or(layer[a]);
                layer[a] = layer[a].max(room.min(hi));
            }
        }
    }

    /// An anchor of an edge between a container and its content comes
    /// before (or after) everything else in the container.
    fn inside_constraints(&mut self) {
        if self.pending_inside.is_empty() {
            return;
        }
        let anchors: HashSet<usize> = self.pending_inside.iter().map(|p| p.0).collect();
        for &(a, c, leaves) in &self.pending_inside.clone() {
            for v in 0..self.items.len() {
                if v == a || anchors.contains(&v) || !self.inside(v, c) {
                    continue;
                }
                self.extra.push(if leaves { (a, v) } else { (v, a) });
            }
        }
    }

    /// Layering constraints `(a, b)` for [`Engine::lead_in`]:
    /// a component that feeds two or more sibling sites (a load balancer
    /// in the VPC beside the zones it serves), with no edge back from them,
    /// comes before everything connected in them. Sibling sites share one
    /// band of layers; a source deep inside one (a service that only calls
    /// others) would otherwise start that band on the component's layer,
    /// and the component would be drawn beside the zones, its edges going
    /// round one zone to reach the other, instead of before both.
    pub(super) fn lead_in_pairs(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut linked = vec![false; self.base];
        for l in self.links.iter().filter(|l| !l.flat) {
            for v in [l.tail, l.head] {
                if v < self.base {
                    linked[v] = true;
                }
            }
        }
        for x in 0..self.base {
            if !self.items[x].is_leaf() || !linked[x] {
                continue;
            }
            let sites: Vec<ElementId> = self
                .sites_of(self.items[x].parent)
                .filter(|&c| {
                    let into = |v: usize| v < self.base && self.inside(v, c);
                    let leads_in = self
                        .links
                        .iter()
                        .any(|l| !l.flat && l.tail == x && into(l.head));
                    let comes_out = self.links.iter().any(|l| l.head == x && into(l.tail));
                    leads_in && !comes_out
                })
                .collect();
            if sites.len() < 2 {
                continue;
            }
            out.extend(
                (0..self.base)
                    .filter(|&v| linked[v] && sites.iter().any(|&c| self.inside(v, c)))
                    .map(|v| (x, v)),
            );
        }
        out
    }

    /// Whether item `v` lies inside container `c` (at any depth).
    pub fn inside(&self, v: usize, c: ElementId) -> bool {
        let mut cur = self.items[v].parent;
        while let Some(p) = cur {
            if p == c {
                return true;
            }
            cur = self.arch.element(p).parent;
        }
        false
    }

    /// Items with no edge at all go in a grid at the start of their
    /// container's band: about as many per layer as there are layers.
    fn pack_isolated(&self, layer: &mut [usize], isolated: &[bool]) {
        let mut groups: BTreeMap<Option<ElementId>, Vec<usize>> = BTreeMap::new();
        for (v, it) in self.items.iter().enumerate() {
            if isolated[v] {
                groups.entry(it.parent).or_default().push(v);
            }
        }
        for (parent, list) in groups {
            // Where the parent holds nothing connected (a public subnet
            // with only a NAT in it), where its parent's connected content
            // starts, and so on up: at layer 0, a zone's isolated subnet
            // would stretch the zone back over the layers before its flow.
            let start =
                std::iter::successors(Some(parent), |p| p.map(|p| self.arch.element(p).parent))
                    .find_map(|parent| {
                        (0..self.items.len())
                            .filter(|&v| !isolated[v] && parent.is_none_or(|p| self.inside(v, p)))
                            .map(|v| layer[v])
                            .min()
                    })
                    .unwrap_or(0);
            let per_layer = (list.len() as f64).sqrt().ceil() as usize;
            for (j, v) in list.into_iter().enumerate() {
                layer[v] = start + j / per_layer.max(1);
            }
        }
    }

    /// A NAT gateway (a zonal way out to the internet) sits on the first
    /// layer of the components beside it in its subnet, where cloud
    /// diagrams draw it (beside the load balancer in the public subnet),
    /// and the lines into it run up: else the flow that reaches it last
    /// stretches its subnet over every layer, a strip down the side. Only
    /// where everything that feeds it comes later, so that every line into
    /// it can run up. An internet gateway, at the network's edge, stays
    /// where the flow puts it.
    fn raise_egress(&mut self, layer: &mut [usize], preds: &[Vec<(usize, usize)>]) {
        for v in 0..self.items.len() {
            let ItemKind::Leaf(id) = self.items[v].kind else {
                continue;
            };
            let traits = self.arch.element(id).kind.traits;
            if !(traits.egress && traits.zonal) || preds[v].is_empty() {
                continue;
            }
            // In a container (a subnet): at the top level there is no
            // network edge to draw it at.
            let Some(parent) = self.items[v].parent else {
                continue;
            };
            let first = (0..self.items.len())
                .filter(|&w| w != v && self.items[w].parent == Some(parent))
                .filter(|&w| matches!(self.items[w].kind, ItemKind::Leaf(_)))
                .map(|w| layer[w])
                .min();
            let Some(first) = first else {
                continue;
            };
            let later = |l: &super::Link| l.head != v || layer[l.tail] >= first + l.len;
            let pinned = self.extra.iter().any(|&(_, b)| b == v);
            if first >= layer[v]
                || self.min_layer[v] > first
                || pinned
                || !self.links.iter().filter(|l| !l.flat).all(later)
            {
                continue;
            }
            layer[v] = first;
            for l in self.links.iter_mut().filter(|l| !l.flat && l.head == v) {
                std::mem::swap(&mut l.tail, &mut l.head);
                l.reversed = !l.reversed;
            }
        }
    }

    /// Subnets playing one role in sibling zones (same name stem and
    /// `public` flag, else the same position) start on one layer.
    fn align_tiers(&self, layer: &mut [usize], topo: &[usize], preds: &[Vec<(usize, usize)>]) {
        let groups = self.tier_groups();
        if groups.is_empty() {
            return;
        }
        let n = self.items.len();
        let mut low: Vec<usize> = layer.to_vec();
        for _ in 0..6 {
            let mut changed = false;
            for group in &groups {
                let firsts: Vec<Option<usize>> =
                    group.iter().map(|&s| self.first_layer(s, layer)).collect();
                let Some(target) = firsts.iter().flatten().copied().max() else {
                    continue;
                };
                for (&s, f) in group.iter().zip(&firsts) {
                    let Some(f) = *f else { continue };
                    if f < target {
                        for v in (0..n).filter(|&v| self.inside(v, s)) {
                            low[v] = low[v].max(layer[v] + target - f);
                        }
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
            for &v in topo {
                let from_preds = preds[v].iter().map(|&(u, d)| layer[u] + d).max();
                layer[v] = low[v].max(from_preds.unwrap_or(0));
            }
        }
    }

    /// First layer of anything inside container `c`.
    fn first_layer(&self, c: ElementId, layer: &[usize]) -> Option<usize> {
        (0..self.items.len())
            .filter(|&v| self.inside(v, c))
            .map(|v| layer[v])
            .min()
    }

    /// Groups of subnets (child containers of sibling zones of one kind)
    /// that play one role.
    pub(super) fn tier_groups(&self) -> Vec<Vec<ElementId>> {
        let arch = self.arch;
        let mut out = Vec::new();
        for sites in self.site_groups() {
            // Tiers line up across zones of one kind (AZ a, AZ b), not
            // across a data centre, a region and a factory side by side.
            let kind = arch.element(sites[0]).kind.name;
            if sites.iter().any(|&s| arch.element(s).kind.name != kind) {
                continue;
            }
            let tiers: Vec<Vec<ElementId>> = sites
                .iter()
                .map(|&s| self.child_order[s.0].clone())
                .collect();
            let key = |c: ElementId| {
                let e = arch.element(c);
                (stem(&e.id), e.attrs.flag("public"))
            };
            let mut by_key: BTreeMap<(String, bool), Vec<ElementId>> = BTreeMap::new();
            for list in &tiers {
                for &c in list {
                    by_key.entry(key(c)).or_default().push(c);
                }
            }
            let matched = by_key.values().all(|g| g.len() == sites.len());
            if matched {
                out.extend(by_key.into_values());
            } else {
                let most = tiers.iter().map(Vec::len).max().unwrap_or(0);
                for k in 0..most {
                    let g: Vec<ElementId> =
                        tiers.iter().filter_map(|t| t.get(k).copied()).collect();
                    if g.len() > 1 {
                        out.push(g);
                    }
                }
            }
        }
        out
    }

    /// The sibling sites whose subnets line up with those of site `p`
    /// (see [`Self::tier_groups`]); none where `p` is not such a site.
    pub(super) fn tier_partners(&self, p: ElementId) -> Vec<ElementId> {
        self.tier_partners_of(&self.tiers_of(p), Some(p))
    }

    /// The tier groups (see [`Self::tier_groups`]) holding a child of `p`.
    fn tiers_of(&self, p: ElementId) -> Vec<Vec<ElementId>> {
        self.tier_groups()
            .into_iter()
            .filter(|g| g.iter().any(|&c| self.arch.element(c).parent == Some(p)))
            .collect()
    }

    /// Sets the order of the child containers of `parent`; where `parent`
    /// is a site, the subnets of its sibling sites that play the same roles
    /// (see [`Self::tier_groups`]) take the same order, in the places they
    /// hold now.
    pub(super) fn set_sibling_order(&mut self, parent: Option<ElementId>, order: Vec<ElementId>) {
        let groups = parent.map_or_else(Vec::new, |p| self.tiers_of(p));
        // Each tier's rank in the new order.
        let rank = |g: &Vec<ElementId>| order.iter().position(|c| g.contains(c));
        for s in self.tier_partners_of(&groups, parent) {
            let kids = self.child_order[s.0].clone();
            let slots: Vec<usize> = (0..kids.len())
                .filter(|&k| groups.iter().any(|g| g.contains(&kids[k])))
                .collect();
            let mut tiers: Vec<ElementId> = slots.iter().map(|&k| kids[k]).collect();
            tiers.sort_by_key(|c| groups.iter().find(|g| g.contains(c)).and_then(rank));
            for (&k, c) in slots.iter().zip(tiers) {
                self.child_order[s.0][k] = c;
            }
        }
        *self.sibling_order(parent) = order;
    }

    /// The sites other than `parent` holding a member of `groups`.
    fn tier_partners_of(
        &self,
        groups: &[Vec<ElementId>],
        parent: Option<ElementId>,
    ) -> Vec<ElementId> {
        let mut out: Vec<ElementId> = Vec::new();
        for s in groups
            .iter()
            .flatten()
            .filter_map(|&c| self.arch.element(c).parent)
        {
            if Some(s) != parent && !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Sibling sites (zones, regions, data centres) of each parent that has
    /// two or more, in their parent's order.
    pub(super) fn site_groups(&self) -> Vec<Vec<ElementId>> {
        std::iter::once(None)
            .chain(self.containers.iter().map(|&c| Some(c)))
            .map(|p| self.sites_of(p).collect::<Vec<_>>())
            .filter(|sites| sites.len() > 1)
            .collect()
    }

    /// The child containers of `parent` (None: top level) that are sites
    /// (zones and the like, drawn side by side), in their current order.
    fn sites_of(&self, parent: Option<ElementId>) -> impl Iterator<Item = ElementId> + '_ {
        self.child_containers(parent)
            .iter()
            .copied()
            .filter(|&c| self.arch.element(c).kind.traits.parallel)
    }

    /// Each container's band: the layers its content spans; sibling zones
    /// (and other sites) share the union of their bands.
    pub fn compute_bands(&mut self) {
        let arch = self.arch;
        for it in &self.items {
            let mut cur = it.parent;
            while let Some(c) = cur {
                let b = self.band[c.0].get_or_insert((it.layer, it.layer));
                b.0 = b.0.min(it.layer);
                b.1 = b.1.max(it.layer);
                cur = arch.element(c).parent;
            }
        }
        for sites in self.site_groups() {
            if let Some((lo, hi)) = self.joint_band(&sites) {
                for s in sites {
                    self.band[s.0] = Some((lo, hi));
                }
            }
        }
        // Tier subnets start on one layer: where an edge between two of
        // them keeps [`Self::align_tiers`] from moving their content level
        // (AZ b's app subnet calls AZ a's), the later one's band starts
        // early, on the layer of the first.
        for tiers in self.tier_groups() {
            if let Some((lo, _)) = self.joint_band(&tiers) {
                for t in tiers {
                    if let Some(b) = &mut self.band[t.0] {
                        b.0 = lo;
                    }
                }
            }
        }
    }

    /// The first and last layers of the bands of `containers` together.
    fn joint_band(&self, containers: &[ElementId]) -> Option<(usize, usize)> {
        let bands = containers.iter().filter_map(|c| self.band[c.0]);
        let lo = bands.clone().map(|b| b.0).min()?;
        let hi = bands.map(|b| b.1).max()?;
        Some((lo, hi))
    }

    /// Dummies for every layer a link passes, and its caption's slot.
    fn add_dummies(&mut self) {
        let arch = self.arch;
        for li in 0..self.links.len() {
            let (tail, head, edge) = {
                let l = &self.links[li];
                (l.tail, l.head, l.edge)
            };
            let (a, b) = (self.items[tail].layer, self.items[head].layer);
            let mut chain = vec![tail];
            let caption = measure::model_caption(&arch.edges[edge]).0;
            let label_layer = (!caption.is_empty() && b > a + 1).then(|| a + (b - a) / 2);
            let up = self.path_of(tail);
            let down = self.path_of(head);
            let common = up.iter().zip(&down).take_while(|(x, y)| x == y).count();
            let lca = common.checked_sub(1).map(|k| up[k]);
            for l in a + 1..b {
                let parent = self.dummy_parent(&up[common..], &down[common..], l).or(lca);
                let (kind, w, h) = if label_layer == Some(l) {
                    let (lw, lh) = self.canon(measure::edge_label_box(&caption));
                    (ItemKind::Label(edge), LABEL_GAP + lw, lh)
                } else {
                    (ItemKind::Dummy, 0.0, 0.0)
                };
                chain.push(self.items.len());
                self.items.push(Item {
                    kind,
                    parent,
                    layer: l,
                    w,
                    h,
                    inset: 0.0,
                    x: 0.0,
                });
            }
            chain.push(head);
            self.links[li].chain = chain;
        }
    }

    /// The container a long edge runs in at layer `l`: the deepest of the
    /// tail's own containers that still spans `l`, else the deepest of the
    /// head's that already does.
    fn dummy_parent(&self, up: &[ElementId], down: &[ElementId], l: usize) -> Option<ElementId> {
        let spans = |c: &ElementId| self.band[c.0].is_some_and(|(lo, hi)| lo <= l && l <= hi);
        up.iter()
            .rev()
            .find(|c| spans(c))
            .or_else(|| down.iter().rev().find(|c| spans(c)))
            .copied()
    }

    /// Every container is present in every layer of its band.
    fn add_placeholders(&mut self) {
        let arch = self.arch;
        let mut present: HashSet<(usize, usize)> = HashSet::new();
        for it in &self.items {
            let mut cur = it.parent;
            while let Some(c) = cur {
                if !present.insert((c.0, it.layer)) {
                    break;
                }
                cur = arch.element(c).parent;
            }
        }
        for &c in &self.containers.clone() {
            let Some((lo, hi)) = self.band[c.0] else {
                continue;
            };
            for l in lo..=hi {
                if present.contains(&(c.0, l)) {
                    continue;
                }
                self.items.push(Item {
                    kind: ItemKind::Placeholder,
                    parent: Some(c),
                    layer: l,
                    w: 0.0,
                    h: 0.0,
                    inset: 0.0,
                    x: 0.0,
                });
                let mut cur = Some(c);
                while let Some(p) = cur {
                    present.insert((p.0, l));
                    cur = arch.element(p).parent;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Engine;
    use crate::layout::stats::stem;

    /// Reordering one zone's subnets reorders those of the same roles in
    /// its sibling zone alike; a subnet without a partner keeps its place.
    #[test]
    fn sibling_zones_take_one_tier_order() {
        let src = "vpc v {\n\
            az a { subnet pub_a [public] { ec2 p1 }\n subnet app_a { ec2 a1 }\n subnet data_a { rds d1 } }\n\
            az b { subnet pub_b [public] { ec2 p2 }\n subnet app_b { ec2 a2 }\n subnet data_b { rds d2 }\n subnet extra { ec2 x } }\n\
            }\n";
        let arch = crate::compile::compile_str("t.cgr", src).arch.unwrap();
        let mut e = Engine::new(&arch);
        e.build_items();
        let id = |name: &str| arch.find(name).unwrap();
        let names = |e: &Engine, p: &str| -> Vec<String> {
            e.child_containers(Some(id(p)))
                .iter()
                .map(|&c| arch.element(c).id.clone())
                .collect()
        };
        assert_eq!(e.tier_partners(id("a")), vec![id("b")]);
        e.set_sibling_order(Some(id("a")), vec![id("data_a"), id("pub_a"), id("app_a")]);
        assert_eq!(names(&e, "a"), ["data_a", "pub_a", "app_a"]);
        assert_eq!(names(&e, "b"), ["data_b", "pub_b", "app_b", "extra"]);
    }

    /// A subnet holding only an unconnected NAT starts where its zone's
    /// flow starts, not at layer 0: there it would stretch both zones back
    /// over the load balancer's layer, and the balancer, in neither zone,
    /// would be drawn beside them instead of before them.
    #[test]
    fn an_unconnected_subnet_starts_with_its_zones_flow() {
        let src = "client users\n\
            vpc v {\n\
            alb lb\n\
            az a { subnet pub_a [public] { nat n1 }\n subnet app_a { ec2 a1 } }\n\
            az b { subnet pub_b [public] { nat n2 }\n subnet app_b { ec2 a2 } }\n\
            }\n\
            users -> lb\nlb -> a1\nlb -> a2\n";
        let arch = crate::compile::compile_str("t.cgr", src).arch.unwrap();
        let mut e = Engine::new(&arch);
        e.build_items();
        e.rank();
        let layer = |name: &str| e.items[e.item_of[arch.find(name).unwrap().0].unwrap()].layer;
        assert_eq!((layer("users"), layer("lb"), layer("a1")), (0, 1, 2));
        assert_eq!((layer("n1"), layer("n2")), (2, 2));
        let zone = e.band[arch.find("a").unwrap().0].unwrap();
        assert_eq!(
            zone.0, 2,
            "zone a's band {zone:?} starts after the balancer"
        );
    }

    /// A load balancer feeding two zones, where a service in zone a only
    /// calls another: the caller sits just before its callee, on the
    /// balancer's layer, so the zones' shared band starts there and the
    /// balancer cannot stand before them. With `lead_in`, everything
    /// connected in the zones comes after the balancer.
    #[test]
    fn a_balancer_feeding_two_zones_may_come_before_both() {
        let src = "client users\n\
            vpc v {\n\
            alb lb\n\
            az a { subnet app_a { ec2 a1\n ec2 caller } }\n\
            az b { ec2 a2 }\n\
            }\n\
            users -> lb\nlb -> a1\nlb -> a2\ncaller -> a1\n";
        let arch = crate::compile::compile_str("t.cgr", src).arch.unwrap();
        let mut e = Engine::new(&arch);
        e.build_items();
        let item = |e: &Engine, name: &str| e.item_of[arch.find(name).unwrap().0].unwrap();
        let pairs = e.lead_in_pairs();
        let lb = item(&e, "lb");
        let mut after: Vec<usize> = pairs
            .iter()
            .map(|&(x, v)| {
                assert_eq!(x, lb, "only the balancer feeds both zones");
                v
            })
            .collect();
        after.sort();
        let mut expected = vec![item(&e, "a1"), item(&e, "caller"), item(&e, "a2")];
        expected.sort();
        assert_eq!(after, expected);
        let zone_start = |mut e: Engine| {
            e.rank();
            let layer = |name: &str| e.items[item(&e, name)].layer;
            (
                layer("lb"),
                e.band[arch.find("a").unwrap().0].unwrap().0,
                layer("caller"),
            )
        };
        assert_eq!(
            zone_start(e.clone()),
            (1, 1, 1),
            "without: the band starts on lb's layer"
        );
        e.lead_in = pairs;
        assert_eq!(zone_start(e), (1, 2, 2), "with: after lb");
    }

    /// A NAT gateway beside the load balancer in one public subnet sits on
    /// the balancer's layer, and the line into it from the app runs up;
    /// without the balancer beside it (or at the top level) it stays where
    /// the flow puts it, after the app.
    #[test]
    fn a_nat_gateway_sits_beside_the_balancer_in_its_subnet() {
        let layers = |src: &str| {
            let arch = crate::compile::compile_str("t.cgr", src).arch.unwrap();
            let mut e = Engine::new(&arch);
            e.build_items();
            e.rank();
            let item = |name: &str| e.item_of[arch.find(name).unwrap().0].unwrap();
            let layer = |name: &str| e.items[item(name)].layer;
            let up = e
                .links
                .iter()
                .find(|l| [l.tail, l.head] == [item("gw"), item("app")])
                .is_some_and(|l| l.reversed);
            ([layer("lb"), layer("app"), layer("gw"), layer("api")], up)
        };
        let flow = "users -> lb -> app -> gw -> api\n";
        let shared = format!(
            "client users\nexternal api\nvpc v {{\n\
             subnet pub [public] {{ alb lb\n nat gw }}\n subnet priv {{ ec2 app }}\n}}\n{flow}"
        );
        assert_eq!(layers(&shared), ([1, 2, 1, 4], true));
        let alone = format!(
            "client users\nexternal api\nvpc v {{\n alb lb\n\
             subnet pub [public] {{ nat gw }}\n subnet priv {{ ec2 app }}\n}}\n{flow}"
        );
        assert_eq!(layers(&alone), ([1, 2, 3, 4], false));
        let top = format!("client users\nexternal api\nalb lb\nec2 app\nnat gw\n{flow}");
        assert_eq!(layers(&top), ([1, 2, 3, 4], false));
    }

    #[test]
    fn stems_drop_the_zone_suffix() {
        assert_eq!(stem("app_net_a"), "app_net");
        assert_eq!(stem("pub-b"), "pub");
        assert_eq!(stem("data1"), "data");
        assert_eq!(stem("private"), "private");
    }
}
