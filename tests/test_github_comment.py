"""The pull-request comment: golden files of a change request and a first design, and
its structure checked directly (marker first, rows summing to the totals, the signs)."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from infragate.brief.loader import load_brief
from infragate.catalog.loader import load_catalog
from infragate.catalog.model import Catalog
from infragate.design.planner import plan
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.review import change_review, design_review
from infragate.pricing.book import SnapshotPriceBook
from infragate.report.github_comment import (
    GITHUB_COMMENT_LIMIT,
    CommentInput,
    delta_text,
    github_comment,
    marker,
)
from infragate.store.engine import open_store
from tests.helpers import ROOT, run_cli
from tests.render_helpers import FROZEN_AT, freeze_example

GOLDEN = ROOT / "tests" / "golden"
MONEY = re.compile(r"\$([0-9,]+\.[0-9]{2})")


@pytest.fixture(scope="module")
def proposed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """shopfront frozen as v1, then its peak load tripled and proposed as change #1."""
    dest = tmp_path_factory.mktemp("shopfront")
    lock = freeze_example("shopfront", dest)
    brief = lock.parent / "brief.yaml"
    brief.write_text(brief.read_text().replace("peak_rps: 15", "peak_rps: 45"))
    store = open_store(f"sqlite:///{dest / '.store' / 'infragate.db'}")
    clock = Clock(FROZEN_AT + timedelta(days=1), "dana@example.com")
    service.propose(
        store, load_brief(brief), load_catalog(), clock, "dana@example.com", "spring campaign"
    )
    store.engine.dispose()
    return dest


def _change_comment(dest: Path) -> str:
    store = open_store(f"sqlite:///{dest / '.store' / 'infragate.db'}")
    try:
        return github_comment(change_review(store, "shopfront", None))
    finally:
        store.engine.dispose()


def _plan_comment(catalog: Catalog, book: SnapshotPriceBook) -> str:
    brief = load_brief(ROOT / "examples" / "shopfront" / "infra" / "brief.yaml").brief
    design = json.loads(plan(brief, catalog, book).model_dump_json())
    return github_comment(design_review(brief, design))


def _check_golden(name: str, actual: str, update: bool) -> None:
    golden = GOLDEN / name
    if update:
        golden.write_text(actual)
    assert golden.is_file(), f"no golden file {golden}; run with --update-golden"
    assert actual == golden.read_text()


def test_change_comment_matches_golden(proposed: Path, update_golden: bool) -> None:
    _check_golden("shopfront.change-comment.md", _change_comment(proposed), update_golden)


def test_plan_comment_matches_golden(
    catalog: Catalog, book: SnapshotPriceBook, update_golden: bool
) -> None:
    _check_golden("shopfront.plan-comment.md", _plan_comment(catalog, book), update_golden)


def _table(text: str, head: str) -> list[list[str]]:
    """The rows of the Markdown table whose header starts with `head`, as cells."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {head} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split(" | ")])
    return rows


def _usd(cell: str) -> Decimal:
    found = MONEY.search(cell)
    assert found, cell
    value = Decimal(found.group(1).replace(",", ""))
    return -value if cell.lstrip("*").startswith("-") else value


def test_change_comment_structure(proposed: Path) -> None:
    text = _change_comment(proposed)
    assert (
        text.splitlines()[0]
        == marker("shopfront")
        == "<!-- infragate-comment project=shopfront -->"
    )
    envs = _table(text, "Environment")
    *rows, total = envs
    assert total[0] == "**Total**"
    for col in (1, 2):  # before and after: the environments add up to the totals
        assert sum(_usd(r[col]) for r in rows) == _usd(total[col])
    assert _usd(total[2]) > _usd(total[1]) and total[3].startswith("**+$")
    components = _table(text, "Environment | Component | Title")
    for env_row in rows:
        mine = [c for c in components if c[0] == env_row[0]]
        assert sum(_usd(c[3]) for c in mine) == _usd(env_row[1])
        assert sum(_usd(c[4]) for c in mine) == _usd(env_row[2])
    for c in components:  # each delta's sign and amount agree with before and after
        before, after = _usd(c[3]), _usd(c[4])
        assert c[5] == delta_text(before, after)
        if after != before:
            assert c[5].startswith("+" if after > before else "-")
    assert "### Verdicts that changed" in text
    # mvp: both roles approve; Dana requested the change, so only Sam is left for budget
    assert "- **budget_owner**: Sam Okafor &lt;sam@example.com>" in text
    assert "- **infra_owner**: nobody yet: the brief's only infra_owner requested this" in text


def test_delta_text_signs_and_percentages() -> None:
    assert delta_text(Decimal(100), Decimal(110)) == "+$10.00 (+10.0 %)"
    assert delta_text(Decimal(200), Decimal(150)) == "-$50.00 (-25.0 %)"
    assert delta_text(Decimal(0), Decimal(5)) == "+$5.00 (new)"
    assert delta_text(Decimal(5), Decimal(0)) == "-$5.00 (removed)"
    assert delta_text(Decimal(5), Decimal(5)) == "$0.00"


def test_a_huge_design_is_truncated_under_the_limit() -> None:
    components = [
        {"environment": "prod", "id": f"svc{i:05d}", "title": "Container service " + "x" * 60,
         "monthly_usd": "1.00"}
        for i in range(3000)
    ]  # fmt: skip
    design = {
        "components": components,
        "verdicts": [],
        "cost": {"monthly_usd": "3000.00", "by_environment": {"prod": "3000.00"}},
    }
    text = github_comment(CommentInput("big", "First design", "", None, design, []))
    assert len(text) < GITHUB_COMMENT_LIMIT
    assert text.startswith(marker("big") + "\n")
    assert re.search(r"_\d+ more component rows left out to stay under GitHub's 65,536", text)
    assert "| **Total** | $0.00 | **$3,000.00** |" not in text  # totals stay whole
    assert "| **Total** | **$0.00** | **$3,000.00** | **+$3,000.00 (new)** |" in text


def test_cli_plan_and_change_show_print_the_comment(proposed: Path) -> None:
    env = {"INFRAGATE_DATABASE_URL": f"sqlite:///{proposed / '.store' / 'infragate.db'}"}
    shown = run_cli("change", "show", "--format", "github-comment", cwd=proposed, env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout == _change_comment(proposed)
    planned = run_cli("plan", "--format", "github-comment", cwd=proposed, env=env)
    assert planned.returncode == 0, planned.stderr
    first, heading = planned.stdout.splitlines()[:2]
    assert first == marker("shopfront")
    assert heading == "## infragate · shopfront: monthly cost $479.47 (first design)"
    assert "First design" in planned.stdout


def test_a_settled_change_asks_nobody_to_approve() -> None:
    design = {"components": [], "verdicts": [], "cost": {"monthly_usd": "1.00"}}
    text = github_comment(
        CommentInput(
            "p",
            "Change request #3 (rejected) against baseline v2",
            "",
            design,
            design,
            [("infra_owner", "Ann <ann@example.com>")],
            settled="Nobody: the change request is rejected.",
        )
    )
    who = text.split("### Who must approve\n\n", 1)[1]
    assert who.startswith("Nobody: the change request is rejected.\n")
    assert "ann@example.com" not in text
    assert "monthly cost $1.00 → $1.00, $0.00" in text
