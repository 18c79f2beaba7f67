"""Design documents of every example against golden files.

Regenerate after an intended change with:
    .venv/bin/pytest tests/test_golden.py --update-golden
and read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from infragate.brief.loader import load_brief
from infragate.catalog.model import Catalog
from infragate.design.planner import plan
from infragate.pricing.book import SnapshotPriceBook
from infragate.report.design_markdown import design_markdown
from tests.helpers import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parts[-3])
@pytest.mark.parametrize("kind", ["md", "json"])
def test_design_matches_golden(
    example: Path, kind: str, catalog: Catalog, book: SnapshotPriceBook, update_golden: bool
) -> None:
    design = plan(load_brief(example).brief, catalog, book)
    if kind == "md":
        actual = design_markdown(design, catalog.overridable)
    else:
        actual = design.model_dump_json(indent=2) + "\n"
    golden = GOLDEN / f"{example.parts[-3]}.design.{kind}"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual)
    assert golden.is_file(), f"no golden file {golden}; run with --update-golden"
    assert actual == golden.read_text()
