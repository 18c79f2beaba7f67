"""The intake's core: a form (or a pasted brief) becomes a brief the model accepts, judged by
the gate and priced by the planner exactly as `infragate check` and `infragate plan` judge
and price the same brief; every problem points at the form field (or line) it is about."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from infragate.brief.loader import parse_brief
from infragate.brief.model import Brief
from infragate.catalog.model import Catalog
from infragate.lifecycle.waivers import Waiver
from infragate.portal.intake import (
    intake_from_form,
    intake_from_pairs,
    intake_from_text,
    intake_from_upload,
    intake_from_values,
)
from infragate.portal.intake_form import (
    MAX_OWNER_ROWS,
    IntakeForm,
    OwnerFields,
    form_from_template,
    form_values,
)
from infragate.portal.intake_view import IntakeView
from infragate.yamldoc import MAX_BYTES
from tests.helpers import run_cli

OWNERS = [
    OwnerFields(name="Dana Ruiz", email="dana@acme.test", roles=["infra_owner"]),
    OwnerFields(name="Lee Chan", email="lee@acme.test", roles=["budget_owner"]),
]


def own_form(catalog: Catalog, template: str = "web-app-postgres") -> IntakeForm:
    """The template's form with the product's own names and people, as a requester fills it."""
    form = form_from_template(catalog.templates[template])
    mine = {"project_name": "shopfront", "team": "web", "owners": OWNERS}
    if form.cost_center:
        mine["cost_center"] = "CC-1042"
    if form.client:
        mine["client"] = "Acme Retail"
    return form.model_copy(update=mine)


def changed(form: IntakeForm, **fields: Any) -> IntakeForm:
    return IntakeForm.model_validate({**form.model_dump(), **fields})


def cli_json(*args: str | Path) -> dict[str, Any]:
    result = run_cli(*args)
    assert result.returncode in (0, 1), result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def failed_lines(view: IntakeView) -> dict[str, str | None]:
    assert view.gate is not None
    return {g.id: g.form_field for g in view.gate.results if g.status == "fail"}


@pytest.mark.parametrize("template", ["web-app-postgres", "api-worker-queue", "static-site"])
def test_a_form_from_a_template_is_judged_and_priced_as_check_and_plan_do(
    catalog: Catalog, template: str, tmp_path: Path
) -> None:
    intake = intake_from_form(own_form(catalog, template), catalog)
    view = intake.view()
    assert view.valid and not view.problems
    assert view.brief is not None and view.brief_yaml is not None and view.estimate is not None
    # The brief dict and the YAML text are one brief, which the brief model accepts.
    from_text = parse_brief(Path("brief.yaml"), view.brief_yaml).brief
    assert Brief.model_validate(view.brief) == from_text
    assert from_text.project.name == "shopfront" and from_text.owners[1].email == "lee@acme.test"
    # The CLI, on the very text the intake returns, judges and prices it the same way.
    brief_path = tmp_path / "infra" / "brief.yaml"
    brief_path.parent.mkdir()
    brief_path.write_text(view.brief_yaml)
    gate = cli_json("check", brief_path, "--format", "json")
    assert view.gate is not None and view.gate.blocked is gate["blocked"] is False
    assert [(g.id, g.status, g.reason) for g in view.gate.results] == [
        (r["id"], r["status"], r["reason"]) for r in gate["results"]
    ]
    design = cli_json("plan", brief_path, "--format", "json")
    estimate = view.estimate.model_dump(mode="json")
    assert estimate["monthly_usd"] == design["cost"]["monthly_usd"]
    assert estimate["by_environment"] == design["cost"]["by_environment"]
    assert estimate["budget"] == design["cost"]["budget"]
    assert estimate["blockers"] == design["blockers"]
    assert view.ready is (not design["blockers"])
    assert intake.design is not None and intake.design.model_dump(mode="json") == design


def test_the_brief_text_is_the_one_init_writes_with_the_forms_values(catalog: Catalog) -> None:
    view = intake_from_form(own_form(catalog), catalog).view()
    assert view.brief_yaml is not None
    lines = view.brief_yaml.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=./brief.schema.json"
    assert "'web-app-postgres' template" in lines[1]
    # Sections the form leaves empty are written commented out, as `init` writes them.
    assert "# constraints:" in lines and "# overrides:" in lines
    assert "  name: shopfront" in " ".join(lines)


def test_the_untouched_template_is_refused_by_the_placeholder_rule_at_its_field(
    catalog: Catalog,
) -> None:
    view = intake_from_form(form_from_template(catalog.templates["internal-tool"]), catalog).view()
    assert view.valid and not view.ready and view.estimate is None
    assert failed_lines(view) == {"GATE014": "project_name"}
    assert view.no_estimate is not None and "GATE014" in view.no_estimate
    # Every example is noted where it was typed, not only the first the rule names.
    notes = view.notes_by_field()
    assert sorted(notes) == sorted(
        ["project_name", "team", "cost_center"]
        + [f"owners-{i}-{key}" for i in (0, 1) for key in ("name", "email")]
    )
    assert notes["team"] == [
        "still the template's example 'my-team' (GATE014: write the product's own)"
    ]


def test_a_waiver_in_force_opens_the_gate_as_it_does_for_the_cli(catalog: Catalog) -> None:
    waiver = Waiver("GATE014", "lee@acme.test", "Lee Chan", "a demo", "2999-12-31", "2026-12-01")
    form = form_from_template(catalog.templates["internal-tool"])
    view = intake_from_form(form, catalog, waivers={"GATE014": waiver}).view()
    assert view.ready and view.estimate is not None
    assert view.gate is not None
    waived = [g for g in view.gate.results if g.status == "waived"]
    assert [g.id for g in waived] == ["GATE014"] and "Lee Chan" in (waived[0].waived_by or "")
    assert view.examples == [] and view.notes_by_field() == {}


def test_a_required_field_left_blank_points_at_its_form_field(catalog: Catalog) -> None:
    view = intake_from_form(changed(own_form(catalog), peak_rps=""), catalog).view()
    assert view.valid and not view.ready and view.estimate is None
    assert failed_lines(view) == {"GATE005": "peak_rps"}
    assert view.brief is not None and "peak_rps" not in view.brief["load"]


@pytest.mark.parametrize(
    ("field", "value", "brief_field", "said"),
    [
        ("peak_rps", "lots", "load.peak_rps", "'lots'"),
        ("users", "1,000", "load.users", "'1,000'"),
        ("users", "2.5", "load.users", "2.5"),
        ("maturity", "beta", "maturity", "'beta'"),
        ("cloud_region", "mars", "cloud.region", "'mars'"),
        ("availability_target", "99.99.9", "availability.target", "'99.99.9'"),
        ("budget_monthly_usd", "1e40", "budget.monthly_usd", "1000000000"),
        ("runtime", "cobol", "workload.runtime", "'cobol'"),
        ("residency", "moon", "data.residency", "'moon'"),
    ],
)
def test_a_bad_value_points_at_its_form_field(
    catalog: Catalog, field: str, value: str, brief_field: str, said: str
) -> None:
    view = intake_from_form(changed(own_form(catalog), **{field: value}), catalog).view()
    assert not view.valid and not view.ready and view.gate is None and view.estimate is None
    assert [(p.form_field, p.field) for p in view.problems] == [(field, brief_field)]
    assert said in view.problems[0].message
    assert view.problems[0].fix


def test_an_owner_problem_points_at_the_row_it_was_typed_in(catalog: Catalog) -> None:
    """A blank row is left out of the brief: its owners[1] is the form's third row."""
    pairs = [
        ("template", "web-app-postgres"),
        ("owners-1-name", "Dana Ruiz"),
        ("owners-1-email", "dana@acme.test"),
        ("owners-1-roles", "infra_owner"),
        ("owners-2-name", "Lee Chan"),
        ("owners-2-roles", "budget_owner"),
    ]
    view = intake_from_pairs(pairs, catalog).view()
    assert [(p.form_field, p.field) for p in view.problems] == [
        ("owners-2-email", "owners[1].email")
    ]
    assert "'email' is required" in view.problems[0].message
    pairs[-1] = ("owners-2-roles", "budget_boss")
    pairs.append(("owners-2-email", "lee@acme.test"))
    view = intake_from_pairs(pairs, catalog).view()
    assert [(p.form_field, p.field) for p in view.problems] == [
        ("owners-2-roles", "owners[1].roles[0]")
    ]


def test_the_forms_own_problems_point_at_their_fields(catalog: Catalog) -> None:
    values = own_form(catalog).model_dump()
    view = intake_from_values({**values, "client": "Acme\nRetail"}, catalog).view()
    assert [p.form_field for p in view.problems] == ["client"]
    assert "line break" in view.problems[0].message
    view = intake_from_values({**values, "personal_data": "maybe"}, catalog).view()
    assert [p.form_field for p in view.problems] == ["personal_data"]
    view = intake_from_values({**values, "colour": "blue"}, catalog).view()
    assert [p.form_field for p in view.problems] == ["colour"]
    view = intake_from_values({**values, "template": "mainframe"}, catalog).view()
    assert [p.form_field for p in view.problems] == ["template"]
    assert "web-app-postgres" in view.problems[0].fix
    far = [("template", "web-app-postgres"), (f"owners-{MAX_OWNER_ROWS}-name", "Dana")]
    view = intake_from_pairs(far, catalog).view()
    assert [p.form_field for p in view.problems] == [f"owners-{MAX_OWNER_ROWS}-name"]


def test_html_form_pairs_become_the_forms_values() -> None:
    pairs = [
        ("csrf_token", "abc"),
        ("template", "api-worker-queue"),
        ("services", "api"),
        ("services", "worker"),
        ("owners-0-name", "Dana Ruiz"),
        ("owners-0-roles", "infra_owner"),
        ("owners-0-roles", "budget_owner"),
        ("owners-2-email", "lee@acme.test"),
        ("budget_hard_limit", "on"),
        ("personal_data", ""),
        ("peak_rps", " 12 "),
    ]
    form = IntakeForm.model_validate(form_values(pairs))
    assert form.template == "api-worker-queue" and form.services == ["api", "worker"]
    assert [o.model_dump() for o in form.owners] == [
        {"name": "Dana Ruiz", "email": "", "roles": ["infra_owner", "budget_owner"]},
        {"name": "", "email": "", "roles": []},
        {"name": "", "email": "lee@acme.test", "roles": []},
    ]
    assert form.budget_hard_limit is True and form.personal_data is None
    assert form.peak_rps == "12"


def test_numbers_and_words_keep_their_value_through_the_yaml(catalog: Catalog) -> None:
    form = changed(
        own_form(catalog),
        peak_rps="2.5",
        availability_target="99.90",
        client="Acme: #1 'Retail' {EU}",
        owners=[
            {"name": "José Núñez", "email": "jose@acme.test", "roles": ["infra_owner"]},
            {"name": "", "email": "", "roles": []},
            OWNERS[1].model_dump(),
        ],
        residency="eu-west-1, eu-central-1",
        constraints="data stays in the EU\n\n  no vendor lock-in  \n",
        cloud_region="eu-west-1",
    )
    view = intake_from_form(form, catalog).view()
    assert view.valid and view.brief_yaml is not None, view.problems
    brief = parse_brief(Path("brief.yaml"), view.brief_yaml).brief
    assert brief.load.peak_rps == Decimal("2.5")
    assert brief.availability.target == Decimal("99.90")
    assert brief.project.client == "Acme: #1 'Retail' {EU}"
    assert [o.name for o in brief.owners] == ["José Núñez", "Lee Chan"]
    assert "José Núñez" in view.brief_yaml
    assert brief.data.residency == ["eu-west-1", "eu-central-1"]
    assert brief.constraints == ["data stays in the EU", "no vendor lock-in"]


def test_a_pasted_brief_is_judged_as_the_form_is(catalog: Catalog) -> None:
    from_form = intake_from_form(own_form(catalog), catalog).view()
    assert from_form.brief_yaml is not None
    pasted = intake_from_text(from_form.brief_yaml, catalog).view()
    assert pasted.source == "text" and pasted.ready and pasted.brief == from_form.brief
    assert pasted.estimate == from_form.estimate and pasted.gate == from_form.gate


def _line_of(text: str, starts: str) -> int:
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.lstrip().startswith(starts))


@pytest.mark.parametrize(
    ("old", "new", "field", "said"),
    [
        ("peak_rps: 10", "peak_rps: lots", "load.peak_rps", "'lots'"),
        ("data_gb: 10", "data_gbs: 10", "load.data_gbs", "unknown key 'data_gbs'"),
        ("users: 1000", "users: 1000: more", None, "malformed YAML"),
        ("growth_pct_month: 10", "peak_rps: 12", None, "duplicate key 'peak_rps'"),
    ],
)
def test_a_pasted_brief_with_an_error_gives_its_line(
    catalog: Catalog, old: str, new: str, field: str | None, said: str
) -> None:
    text = intake_from_form(own_form(catalog), catalog).view().brief_yaml
    assert text is not None and old in text
    broken = text.replace(old, new)
    view = intake_from_text(broken, catalog, name="infra/brief.yaml").view()
    assert not view.valid and view.estimate is None and len(view.problems) >= 1
    problem = view.problems[0]
    assert problem.line == _line_of(broken, new) and problem.field == field
    assert said in problem.message and problem.form_field is None


def test_an_empty_or_oversized_or_binary_upload_says_so(catalog: Catalog) -> None:
    view = intake_from_text("# only a comment\n\n", catalog).view()
    assert [p.message for p in view.problems] == ["is empty"]
    big = ("# padding\n" * (MAX_BYTES // 10 + 1)).encode()
    view = intake_from_upload(big, catalog, filename="brief.yaml").view()
    assert "a brief is at most" in view.problems[0].message
    view = intake_from_upload(b"version: 1\nproject: {name: caf\xe9}\n", catalog).view()
    assert view.problems[0].message == "is not UTF-8 text" and view.problems[0].line == 2
    text = intake_from_form(own_form(catalog), catalog).view().brief_yaml
    assert text is not None
    view = intake_from_upload(text.encode(), catalog, filename="../../etc/brief.yaml").view()
    assert view.ready
