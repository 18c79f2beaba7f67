"""Architecture diagrams: DOT and Mermaid text against golden files for every example,
and the pack with and without Graphviz on PATH (the real `dot`, through the real CLI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infragate.brief.loader import load_brief
from infragate.catalog.model import Catalog
from infragate.design.planner import plan
from infragate.handover import diagram
from infragate.pricing.book import SnapshotPriceBook
from infragate.store.engine import open_store
from tests.handover.helpers import DANA, shopfront_v2
from tests.helpers import EXAMPLES, ROOT, run_cli

GOLDEN = ROOT / "tests" / "golden" / "handover"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parts[-3])
def test_diagrams_match_golden(
    example: Path, catalog: Catalog, book: SnapshotPriceBook, update_golden: bool
) -> None:
    design = plan(load_brief(example).brief, catalog, book).model_dump(mode="json")
    name = example.parts[-3]
    for env in diagram.environments(design):
        g = diagram.graph(design, env)
        for suffix, actual in (("dot", diagram.to_dot(g, name, 1)), ("mmd", diagram.to_mermaid(g))):
            golden = GOLDEN / f"{name}.{env}.{suffix}"
            if update_golden:
                golden.parent.mkdir(parents=True, exist_ok=True)
                golden.write_text(actual)
            assert golden.is_file(), f"no golden file {golden}; run with --update-golden"
            assert actual == golden.read_text(), golden


def test_the_graph_follows_the_requests(catalog: Catalog, book: SnapshotPriceBook) -> None:
    brief = load_brief(ROOT / "examples" / "shopfront" / "infra" / "brief.yaml").brief
    g = diagram.graph(plan(brief, catalog, book).model_dump(mode="json"), "prod")
    solid = {(e.source, e.target) for e in g.edges if not e.dashed}
    assert ("internet", "load_balancer") in solid and ("load_balancer", "web") in solid
    assert ("web", "database") in solid and ("worker", "cache") in solid
    assert ("load_balancer", "worker") not in solid  # the worker takes no web traffic
    assert "data_transfer" not in {n.id for n in g.nodes}


def _cli_pack(tmp_path: Path, path_env: str) -> tuple[str, Path]:
    db = tmp_path / "store.db"
    store = open_store(f"sqlite:///{db}")
    try:
        shop = shopfront_v2(tmp_path / "repo", store, evidence=False)
    finally:
        store.close()
    out = tmp_path / "pack"
    done = run_cli(
        "handover",
        "--lock",
        shop.lock_path,
        "-o",
        out,
        "--as",
        DANA,
        env={"INFRAGATE_DATABASE_URL": f"sqlite:///{db}", "PATH": path_env},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, out


def test_with_dot_installed_the_html_embeds_svg(tmp_path: Path) -> None:
    assert Path("/usr/bin/dot").is_file(), "Graphviz is not installed (Debian package graphviz)"
    stdout, out = _cli_pack(tmp_path, os.environ.get("PATH", "/usr/bin"))
    html = (out / "handover.html").read_text()
    assert html.count("<svg") == 2 and "was not installed" not in html
    assert (out / "diagrams" / "prod.svg").read_text().lstrip().startswith("<svg")
    assert "<!DOCTYPE svg" not in html and "not installed" not in stdout


def test_without_dot_the_pack_embeds_the_dot_source_and_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    stdout, out = _cli_pack(tmp_path, str(empty))
    html = (out / "handover.html").read_text()
    assert "<svg" not in html and not list(out.glob("diagrams/*.svg"))
    assert html.count("Graphviz (<code>dot</code>) was not installed when this pack was made") == 2
    assert "digraph &quot;shopfront-prod&quot; {" in html
    assert "Graphviz ('dot') is not installed" in stdout
    assert "```mermaid\nflowchart LR" in (out / "handover.md").read_text()
