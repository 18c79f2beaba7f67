"""The architecture diagrams a project page shows: the handover pack's (handover/diagram.py),
one per environment of the design on the page, as inline SVG (no script and no style
attribute in Graphviz's output, so the page's CSP holds). Each SVG is made once per DOT
source: `dot` takes tens of milliseconds, a page view must not."""

from __future__ import annotations

from dataclasses import dataclass

from infragate.canonical import sha256_hex
from infragate.design.model import Design
from infragate.handover import diagram
from infragate.memo import memo


@dataclass(frozen=True)
class Diagram:
    environment: str
    svg: str | None  # None: Graphviz is not installed; `mermaid` still says it
    mermaid: str


def diagrams(design: Design, project: str, version: int) -> list[Diagram]:
    data = design.model_dump(mode="json")
    program = diagram.dot_program()
    found = []
    for env in diagram.environments(data):
        g = diagram.graph(data, env)
        dot = diagram.to_dot(g, project, version)
        svg = _svg(dot, program) if program else None
        found.append(Diagram(env, svg, diagram.to_mermaid(g)))
    return found


def _svg(dot: str, program: str) -> str:
    def make() -> str:
        return diagram.to_svg(dot, program)

    return memo(("svg", sha256_hex(dot)), make)
