"""Registry-wide guarantees: one test guards every rule."""

from __future__ import annotations

import inspect
from pathlib import Path

from infragate.rules.base import RULE_ID, SLUG
from infragate.rules.closure import CLOSURE_RULES
from infragate.rules.gate import GATE_RULES
from infragate.rules.rightsizing import SIZING_RULES

ALL = [*GATE_RULES, *SIZING_RULES, *CLOSURE_RULES]


def test_ids_and_slugs_are_unique_and_well_formed() -> None:
    ids = [r.id for r in ALL]
    slugs = [r.slug for r in ALL]
    assert len(ids) == len(set(ids))
    assert len(slugs) == len(set(slugs))
    assert all(RULE_ID.match(i) for i in ids), ids
    assert all(SLUG.match(s) for s in slugs), slugs


def test_every_rule_explains_itself() -> None:
    for rule in ALL:
        assert len(rule.title) > 10, rule.id
        assert len(rule.rationale) > 40, rule.id
        assert len(rule.fix) > 10, rule.id


def test_rule_files_are_named_after_their_id() -> None:
    for rule in ALL:
        module = inspect.getmodule(rule.check if hasattr(rule, "check") else rule.judge)
        assert module is not None and module.__file__ is not None
        assert Path(module.__file__).name.startswith(rule.id.lower() + "_"), rule.id


def test_registries_are_in_id_order() -> None:
    assert [r.id for r in GATE_RULES] == sorted(r.id for r in GATE_RULES)
    assert [r.id for r in SIZING_RULES] == sorted(r.id for r in SIZING_RULES)
    assert [r.id for r in CLOSURE_RULES] == sorted(r.id for r in CLOSURE_RULES)


def test_every_closure_rule_names_who_acts() -> None:
    assert all(r.acts for r in CLOSURE_RULES)


def test_every_sizing_feature_can_be_overridden(catalog) -> None:  # type: ignore[no-untyped-def]
    for rule in SIZING_RULES:
        assert rule.feature in catalog.overridable, rule.id
        assert all(req in catalog.overridable for req in rule.requires), rule.id
