"""Every rule against its fixtures: tests/fixtures/rules/<ID>/<case>.yaml.

A case names a base brief, a patch to deep-merge into it, and the exact expected
result of that one rule. Adding a rule means adding fixture files, not test code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from infragate.catalog.model import Catalog
from infragate.closure.gate import evaluate as evaluate_closure
from infragate.closure.model import ClosureContext
from infragate.design.planner import plan
from infragate.gate import evaluate
from infragate.pricing.book import SnapshotPriceBook
from infragate.rules.closure import CLOSURE_RULES
from infragate.rules.gate import GATE_RULES
from infragate.rules.rightsizing import SIZING_RULES
from tests.closure_helpers import patched, shopfront_base
from tests.helpers import FIXTURES, loaded

CASES = sorted((FIXTURES / "rules").glob("*/*.yaml"))
GATE_IDS = {r.id for r in GATE_RULES}
SIZING_IDS = {r.id for r in SIZING_RULES}
CLOSURE_IDS = {r.id for r in CLOSURE_RULES}
PASSING = {"pass", "approved"}
CLOSURE_BASES = {"shopfront": shopfront_base}


@pytest.fixture(scope="session")
def closure_bases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ClosureContext]:
    return {
        name: build(tmp_path_factory.mktemp(f"closure-{name}"))
        for name, build in CLOSURE_BASES.items()
    }


def _case(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text())


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_case(
    path: Path, catalog: Catalog, book: SnapshotPriceBook, request: pytest.FixtureRequest
) -> None:
    case = _case(path)
    rule_id = path.parent.name
    if rule_id in CLOSURE_IDS:
        bases = request.getfixturevalue("closure_bases")
        ctx = patched(bases[case["base"]], case.get("patch"))
        (rule,) = [r for r in CLOSURE_RULES if r.id == rule_id]
        (result,) = evaluate_closure(ctx, (rule,)).results
        assert str(result.verdict) == case["expect"], result.reason
        assert case.get("reason_contains", "") in result.reason
        if case["expect"] == "fail":  # a failure names who can act, from the lock
            assert result.who and all("<" in w and "@" in w for w in result.who), result.who
        return
    brief = loaded(case["base"], case.get("patch"))
    if rule_id in GATE_IDS:
        report = evaluate(brief, catalog)
        (result,) = [r for r in report.results if r.rule.id == rule_id]
        assert str(result.status) == case["expect"], result.reason
        if "reason_contains" in case:
            assert case["reason_contains"] in result.reason
        if result.field is not None:
            assert result.line is not None  # failures point at a line of the brief
    else:
        assert rule_id in SIZING_IDS, f"fixture folder {rule_id} names no rule"
        design = plan(brief.brief, catalog, book)
        (verdict,) = [v for v in design.verdicts if v.rule == rule_id]
        assert str(verdict.verdict) == case["expect"], verdict.reason
        if "applied" in case:
            assert verdict.applied is case["applied"]
        assert verdict.blocker is (case["expect"] == "under_engineering")
        if case["expect"] == "under_engineering":
            assert any(b.startswith(rule_id) for b in design.blockers)


@pytest.mark.parametrize("rule_id", sorted(GATE_IDS | SIZING_IDS | CLOSURE_IDS))
def test_every_rule_has_a_passing_and_a_failing_fixture(rule_id: str) -> None:
    expects = {_case(p)["expect"] for p in (FIXTURES / "rules" / rule_id).glob("*.yaml")}
    assert expects & PASSING, f"{rule_id} has no passing fixture"
    assert expects - PASSING, f"{rule_id} has no failing fixture"
