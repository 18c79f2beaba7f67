"""Every audit rule against its fixtures: tests/fixtures/audit/<ID>/<pass|fail>-<name>/.

A case is a tiny repository tree; a failing case's `expect.yaml` lists the rule's exact
hits as [file, line] (null file: the repository as a whole). Adding a rule means adding
fixture folders, not test code.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import yaml

from infragate.audit.engine import scan
from infragate.audit.inventory import build_inventory
from infragate.audit.linters import LINTER_RULES
from infragate.audit.repo import Repo
from infragate.audit.rules import AUDIT_RULES, BY_ID
from infragate.audit.rules.base import AUDIT_ID, SLUG
from tests.helpers import FIXTURES

CASES = sorted(p for p in (FIXTURES / "audit").glob("*/*") if p.is_dir())
EXPECT = "expect.yaml"
REQUIRED_SLUGS = {
    "no-container-image", "no-local-orchestration", "sqlite-in-production", "ci-without-cd",
    "manual-deploy", "ci-sleep-wait", "local-file-logging", "no-health-endpoint", "no-backup",
    "no-metrics", "script-syntax-error", "script-unguarded-exit", "script-destructive-step",
    "script-requires-root", "missing-file-reference", "undefined-variable",
    "conflicting-workflows", "conflicting-docs", "mixed-iac-tools", "untagged-resources",
    "secret-in-repository", "shallow-health-check",
}  # fmt: skip


def _repo(case: Path) -> Repo:
    scanned, _ = scan(case, tools=("bash",))  # bash -n feeds script-syntax-error
    return Repo(
        texts={k: v for k, v in scanned.texts.items() if k != EXPECT},
        paths=scanned.paths - {EXPECT},
        dirs=scanned.dirs,
        skipped=scanned.skipped,
        diagnostics=scanned.diagnostics,
        vendored=scanned.vendored,
    )


def _expected(case: Path) -> set[tuple[str | None, int | None]]:
    path = case / EXPECT
    if not path.exists():
        return set()
    return {(f, line) for f, line in yaml.safe_load(path.read_text()) or []}


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_case(case: Path) -> None:
    rule = BY_ID.get(case.parent.name)
    assert rule is not None, f"fixture folder {case.parent.name} names no rule"
    assert case.name.startswith(("pass-", "fail-")), case.name
    repo = _repo(case)
    hits = list(rule.check(repo, build_inventory(repo)))
    actual = {(h.file, h.line) for h in hits}
    assert len(actual) == len(hits), f"duplicate hits: {hits}"
    assert actual == _expected(case), [h.evidence for h in hits]
    if case.name.startswith("pass-"):
        assert not (case / EXPECT).exists(), "a passing case expects nothing"
    else:
        assert actual, "a failing case must expect at least one hit"


@pytest.mark.parametrize("rule_id", sorted(BY_ID))
def test_every_rule_has_a_passing_and_a_failing_fixture(rule_id: str) -> None:
    names = [p.name for p in (FIXTURES / "audit" / rule_id).iterdir()]
    assert any(n.startswith("pass-") for n in names), f"{rule_id} has no passing fixture"
    assert any(n.startswith("fail-") for n in names), f"{rule_id} has no failing fixture"


def test_ids_and_slugs_are_unique_and_well_formed() -> None:
    ids = [r.id for r in AUDIT_RULES] + [r.id for r in LINTER_RULES]
    slugs = [r.slug for r in AUDIT_RULES] + [r.slug for r in LINTER_RULES]
    assert len(ids) == len(set(ids)) and len(slugs) == len(set(slugs))
    assert all(AUDIT_ID.match(i) for i in ids), ids
    assert all(SLUG.match(s) for s in slugs), slugs


def test_the_issue_s_slugs_are_all_present() -> None:
    assert {r.slug for r in AUDIT_RULES} >= REQUIRED_SLUGS


def test_every_rule_explains_itself_and_judges_every_maturity() -> None:
    from infragate.brief.model import Maturity

    for rule in AUDIT_RULES:
        assert len(rule.title) > 10, rule.id
        assert len(rule.rationale) > 40, rule.id
        assert len(rule.fix) > 10 and len(rule.impact) > 10, rule.id
        assert set(rule.severity) == set(Maturity), rule.id
        if rule.needed_from is not None and rule.needed_from is not Maturity.prototype:
            assert rule.defer_reason, f"{rule.id} defers without saying why"


def test_rule_files_are_named_after_their_id() -> None:
    for rule in AUDIT_RULES:
        module = inspect.getmodule(rule.check)
        assert module is not None and module.__file__ is not None
        assert Path(module.__file__).name.startswith(rule.id.lower() + "_"), rule.id


def test_registry_is_in_id_order() -> None:
    assert [r.id for r in AUDIT_RULES] == sorted(r.id for r in AUDIT_RULES)


def test_no_fixture_folder_names_an_unknown_rule() -> None:
    assert {p.parent.name for p in CASES} == set(BY_ID)
