"""Every catalog template renders to a brief that parses back to the same values."""

from __future__ import annotations

from pathlib import Path

import pytest

from infragate.brief.loader import parse_brief
from infragate.brief.model import Brief, Maturity
from infragate.brief.writer import render_brief
from infragate.catalog.model import Catalog
from infragate.gate import evaluate


@pytest.mark.parametrize(
    "name", ["web-app-postgres", "static-site", "api-worker-queue", "internal-tool"]
)
def test_template_round_trips_and_opens_the_gate(name: str, catalog: Catalog) -> None:
    template = catalog.templates[name]
    text = render_brief(template, catalog)
    loaded = parse_brief(Path("brief.yaml"), text)
    assert loaded.brief == Brief.model_validate(template.brief)
    # Unedited, only its example values close the gate, one line for each (GATE014).
    report = evaluate(loaded, catalog)
    failed = [r for r in report.results if str(r.status) == "fail"]
    assert [r.rule.id for r in failed] == ["GATE014"], [r.reason for r in failed]
    lines = failed[0].reason.splitlines()
    assert "project.name is still the template's example" in lines[1]
    assert any(line.startswith("owners[1].email is still") for line in lines)
    assert len(lines) == 1 + int(lines[0].split()[0])


@pytest.mark.parametrize("maturity", list(Maturity))
def test_maturity_option_sets_the_maturity(maturity: Maturity, catalog: Catalog) -> None:
    text = render_brief(catalog.templates["web-app-postgres"], catalog, maturity)
    assert parse_brief(Path("b.yaml"), text).brief.maturity is maturity


def test_sections_a_template_leaves_out_are_shown_commented(catalog: Catalog) -> None:
    text = render_brief(catalog.templates["static-site"], catalog)
    assert "\n# availability:\n" in text
    assert "#   target: '99.5'" in text
