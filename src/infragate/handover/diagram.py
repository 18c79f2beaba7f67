"""Architecture diagrams of a baseline: Graphviz DOT (golden-tested text), rendered to
SVG with `dot` where it is installed, and a Mermaid flowchart for the Markdown.

One diagram per environment, read from the frozen design's components only. The shape:
the internet reaches the load balancer (or the one instance), which reaches the web
service; every compute component reaches every data store; logs, metrics and backups
watch from the side (dashed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

COMPUTE = ("container_service", "vm")
DATA = ("postgres", "sqlite", "redis", "object_storage", "queue")
SIDE = ("logs", "metrics", "backups")
# Priced items that are not boxes of their own in the picture.
HIDDEN = ("data_transfer",)
DOT_TIMEOUT_SECONDS = 20


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    tier: str  # edge | compute | data | side


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    dashed: bool = False
    label: str = ""


@dataclass(frozen=True)
class Graph:
    environment: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _label(c: dict[str, Any]) -> str:
    size = c.get("size")
    parts = [str(c["id"]), str(c.get("title") or c["kind"])]
    detail = " × ".join(
        p
        for p in (str(size) if size else "", f"{c['count']}" if c.get("count", 1) != 1 else "")
        if p
    )
    if c.get("multi_az"):
        detail = f"{detail}, Multi-AZ".lstrip(", ")
    if detail:
        parts.append(detail)
    return "\n".join(parts)


def graph(design: dict[str, Any], environment: str) -> Graph:
    comps = [
        c
        for c in design["components"]
        if c["environment"] == environment and c["kind"] not in HIDDEN
    ]
    tier = (
        dict.fromkeys(COMPUTE, "compute")
        | dict.fromkeys(DATA, "data")
        | dict.fromkeys(SIDE, "side")
    )
    nodes = [Node("internet", "Internet\n(users)", "edge")]
    nodes += [Node(c["id"], _label(c), tier.get(c["kind"], "edge")) for c in comps]
    ids = {c["kind"]: [x["id"] for x in comps if x["kind"] == c["kind"]] for c in comps}
    compute = [c["id"] for c in comps if c["kind"] in COMPUTE]
    web = [i for i in compute if i == "web"] or compute[:1]
    edges: list[Edge] = []
    if ids.get("load_balancer"):
        lb = ids["load_balancer"][0]
        edges.append(Edge("internet", lb, label="HTTPS"))
        edges += [Edge(lb, w) for w in web]
    else:
        edges += [Edge("internet", w, label="HTTPS") for w in web]
    data = [c["id"] for c in comps if c["kind"] in DATA]
    edges += [Edge(s, d) for s in compute for d in data]
    for nat in ids.get("nat_gateway", []):
        edges += [Edge(s, nat, dashed=True, label="outbound") for s in compute]
    for logs in ids.get("logs", []):
        edges += [Edge(s, logs, dashed=True) for s in compute]
    for backups in ids.get("backups", []):
        edges += [Edge(d, backups, dashed=True) for d in ids.get("postgres", [])]
    for metrics in ids.get("metrics", []):
        watched = [
            *ids.get("load_balancer", []),
            *compute,
            *ids.get("postgres", []),
            *ids.get("redis", []),
        ]
        edges += [Edge(metrics, w, dashed=True, label="alarms") for w in watched]
    return Graph(environment, tuple(nodes), tuple(edges))


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_SHAPES = {"edge": "box", "compute": "box3d", "data": "cylinder", "side": "note"}


def to_dot(g: Graph, project: str, version: int) -> str:
    lines = [
        f"digraph {_q(f'{project}-{g.environment}')} {{",
        f"  label={_q(f'{project} {g.environment} (baseline v{version})')};",
        "  labelloc=t;",
        "  rankdir=LR;",
        '  node [fontname="Helvetica", fontsize=10, style=filled, fillcolor="#f4f6f8"];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    lines += [f"  {_q(n.id)} [label={_q(n.label)}, shape={_SHAPES[n.tier]}];" for n in g.nodes]
    for e in g.edges:
        attrs = [f"label={_q(e.label)}"] if e.label else []
        if e.dashed:
            attrs.append("style=dashed")
        suffix = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {_q(e.source)} -> {_q(e.target)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mid(node_id: str) -> str:
    # Prefixed: Mermaid reserves some words ("end", "graph") as node ids.
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", node_id)


def to_mermaid(g: Graph) -> str:
    shape = {
        "edge": ("[", "]"),
        "compute": ("[[", "]]"),
        "data": ("[(", ")]"),
        "side": ("[/", "/]"),
    }
    lines = ["flowchart LR"]
    for n in g.nodes:
        left, right = shape[n.tier]
        text = n.label.replace('"', "'").replace("\n", "<br/>")
        lines.append(f'  {_mid(n.id)}{left}"{text}"{right}')
    for e in g.edges:
        arrow = "-.->" if e.dashed else "-->"
        label = f"|{e.label}|" if e.label else ""
        lines.append(f"  {_mid(e.source)} {arrow}{label} {_mid(e.target)}")
    return "\n".join(lines) + "\n"


def dot_program() -> str | None:
    """The `dot` program on PATH, or None (the pack then embeds the DOT source)."""
    return shutil.which("dot")


def to_svg(dot_source: str, program: str) -> str:
    """SVG of `dot_source`, cleaned for inline use in HTML: no XML prolog, DOCTYPE or
    comments (the DOCTYPE names an external DTD)."""
    done = subprocess.run(
        [program, "-Tsvg"],
        input=dot_source,
        capture_output=True,
        text=True,
        timeout=DOT_TIMEOUT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"dot failed ({done.returncode}): {done.stderr.strip()[:300]}")
    svg = done.stdout
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", svg)
    return svg.strip() + "\n"


def environments(design: dict[str, Any]) -> Sequence[str]:
    return [e["name"] for e in design["environments"]]
