"""The intake: a brief from a form (or pasted, or uploaded), judged by the start gate and
priced by the design planner, exactly as `infragate check` and `infragate plan` do.

Pure functions of their inputs (the catalog, the waivers in force, the price books): the
portal's intake page and its JSON twin show what they return, and submitting records the
same brief through the lifecycle service.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from infragate.brief.loader import LoadedBrief, parse_brief
from infragate.brief.writer import render_brief
from infragate.catalog.model import Catalog
from infragate.design import model as out
from infragate.design.planner import plan
from infragate.errors import InfragateError, InputError, Problem
from infragate.gate import GateReport, evaluate
from infragate.lifecycle.waivers import Waiver, blocker_key
from infragate.portal.intake_form import (
    IntakeForm,
    brief_document,
    form_field,
    form_loc_field,
    form_values,
)
from infragate.portal.intake_view import (
    Estimate,
    FieldProblem,
    GateLine,
    GateView,
    IntakeView,
    Source,
)
from infragate.pricing.book import PriceBook, load_pricebook
from infragate.rules.base import Status
from infragate.rules.gate.gate014_no_placeholders import RULE as PLACEHOLDERS
from infragate.rules.gate.gate014_no_placeholders import placeholders
from infragate.strictread import Kind, decode
from infragate.yamldoc import MAX_BYTES

Books = Callable[[str, str], PriceBook]
FORM_BRIEF = Path("brief.yaml")
_UPLOAD = Kind("a brief", "upload the infra/brief.yaml 'infragate init' wrote")


@dataclass(frozen=True)
class Intake:
    source: Source
    template: str | None
    problems: tuple[FieldProblem, ...] = ()
    brief_data: dict[str, Any] | None = None
    brief_yaml: str | None = None
    loaded: LoadedBrief | None = None
    report: GateReport | None = None
    design: out.Design | None = None
    waivers: Mapping[str, Waiver] = field(default_factory=dict)
    owner_rows: tuple[int, ...] = ()
    conflict: FieldProblem | None = None  # why the store would refuse it (a name taken)
    examples: tuple[tuple[str, str], ...] = ()  # (brief field, value) still an example

    def refused(self, message: str, fix: str) -> Intake:
        """This intake, which the store would refuse for the project's name."""
        field = "project_name" if self.source == "form" else None
        problem = FieldProblem(message=message, fix=fix, field="project.name", form_field=field)
        return replace(self, conflict=problem)

    @property
    def open_blockers(self) -> list[str]:
        blockers = self.design.blockers if self.design else []
        return [b for b in blockers if blocker_key(b) not in self.waivers]

    @property
    def ready(self) -> bool:
        return (
            self.loaded is not None
            and self.conflict is None
            and self.report is not None
            and not self.report.blocked
            and self.design is not None
            and not self.open_blockers
        )

    def view(self) -> IntakeView:
        return IntakeView(
            source=self.source,
            template=self.template,
            valid=self.loaded is not None,
            ready=self.ready,
            problems=[*self.problems, *([self.conflict] if self.conflict else [])],
            brief=self.brief_data,
            brief_yaml=self.brief_yaml,
            gate=self._gate_view(),
            estimate=self._estimate(),
            no_estimate=self._no_estimate(),
            examples=[
                FieldProblem(
                    message=f"still the template's example '{value}'",
                    fix="GATE014: write the product's own",
                    field=dotted,
                    form_field=self._field(dotted),
                )
                for dotted, value in self.examples
            ],
        )

    def _field(self, dotted: str | None) -> str | None:
        return form_field(dotted, self.owner_rows) if self.source == "form" else None

    def _gate_view(self) -> GateView | None:
        if self.report is None:
            return None
        lines = [
            GateLine(
                id=r.rule.id,
                slug=r.rule.slug,
                title=r.rule.title,
                severity=str(r.rule.severity),
                status=str(r.status),
                reason=r.reason,
                fix=r.rule.fix,
                field=r.field,
                form_field=self._field(r.field) if r.status is not Status.passed else None,
                line=r.line,
                column=r.column,
                waived_by=r.waiver.describe() if r.waiver else None,
            )
            for r in self.report.results
        ]
        summary = {str(s): self.report.count(s) for s in Status}
        return GateView(
            stage=str(self.report.stage),
            blocked=self.report.blocked,
            summary=summary,
            results=lines,
        )

    def _estimate(self) -> Estimate | None:
        if self.design is None:
            return None
        cost = self.design.cost
        return Estimate(
            monthly_usd=cost.monthly_usd,
            by_environment=dict(cost.by_environment),
            pricing=cost.pricing,
            pricing_as_of=self.design.pricing_as_of,
            budget=cost.budget,
            blockers=self.open_blockers,
            waived=[b for b in self.design.blockers if b not in self.open_blockers],
        )

    def _no_estimate(self) -> str | None:
        if self.design is not None:
            return None
        if self.loaded is None:
            return "the brief has problems; fix the fields named"
        if self.report is not None and self.report.blocked:
            failed = [r.rule.id for r in self.report.results if r.status is Status.failed]
            return (
                f"the start gate is closed ({', '.join(failed)}); no design is made until it opens"
            )
        return "no design could be made; see the problems"


def intake_from_values(
    values: Mapping[str, Any],
    catalog: Catalog,
    *,
    waivers: Mapping[str, Waiver] | None = None,
    books: Books = load_pricebook,
) -> Intake:
    """The intake of a submitted form (an IntakeForm's values, as JSON gives them)."""
    try:
        form = IntakeForm.model_validate(values)
    except ValidationError as exc:
        template = values.get("template")
        problems = tuple(_form_problem(err) for err in exc.errors())
        return Intake("form", template if isinstance(template, str) else None, problems)
    return intake_from_form(form, catalog, waivers=waivers, books=books)


def intake_from_pairs(
    pairs: Sequence[tuple[str, str]],
    catalog: Catalog,
    *,
    waivers: Mapping[str, Waiver] | None = None,
    books: Books = load_pricebook,
) -> Intake:
    """The intake of an HTML form's (name, value) pairs."""
    return intake_from_values(form_values(pairs), catalog, waivers=waivers, books=books)


def intake_from_form(
    form: IntakeForm,
    catalog: Catalog,
    *,
    waivers: Mapping[str, Waiver] | None = None,
    books: Books = load_pricebook,
) -> Intake:
    template = catalog.templates.get(form.template)
    if template is None:
        problem = FieldProblem(
            message=f"no template '{form.template}'",
            fix=f"pick one of: {', '.join(catalog.templates)}",
            form_field="template",
        )
        return Intake("form", form.template, (problem,))
    document = brief_document(form)
    intro = [
        f"infragate brief from the '{template.name}' template ({template.title}), "
        f"catalog {catalog.version},",
        "filled in with the portal's intake form; 'infragate check' judges it as the portal did.",
    ]
    text = render_brief(template.model_copy(update={"brief": document.data}), catalog, intro=intro)
    base = Intake(
        "form",
        template.name,
        brief_data=document.data,
        brief_yaml=text,
        waivers=dict(waivers or {}),
        owner_rows=document.owner_rows,
    )
    return _judged(base, FORM_BRIEF, text, catalog, books)


def intake_from_text(
    text: str,
    catalog: Catalog,
    *,
    name: str = "brief.yaml",
    waivers: Mapping[str, Waiver] | None = None,
    books: Books = load_pricebook,
) -> Intake:
    """The intake of a pasted brief; problems carry the line they are on."""
    path = Path(Path(name).name or "brief.yaml")
    base = Intake("text", None, brief_yaml=text, waivers=dict(waivers or {}))
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return _with(base, problems=(_too_big(size),), brief_yaml=None)
    if all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return _with(
            base,
            problems=(
                FieldProblem(
                    message="is empty",
                    fix="paste the brief's YAML, or start from a template with the form",
                ),
            ),
        )
    return _judged(base, path, text, catalog, books)


def intake_from_upload(
    raw: bytes,
    catalog: Catalog,
    *,
    filename: str = "brief.yaml",
    waivers: Mapping[str, Waiver] | None = None,
    books: Books = load_pricebook,
) -> Intake:
    """The intake of an uploaded brief file: UTF-8 text at most the size of a brief."""
    path = Path(Path(filename).name or "brief.yaml")
    if len(raw) > MAX_BYTES:
        return Intake("text", None, (_too_big(len(raw)),))
    try:
        text = decode(path, raw, _UPLOAD)
    except InputError as exc:
        return Intake("text", None, tuple(_problem(p, "text", ()) for p in exc.problems))
    return intake_from_text(text, catalog, name=path.name, waivers=waivers, books=books)


def _judged(base: Intake, path: Path, text: str, catalog: Catalog, books: Books) -> Intake:
    """Validate the brief text, then gate it and, when the gate is open, plan it."""
    try:
        loaded = parse_brief(path, text)
    except InputError as exc:
        problems = tuple(_problem(p, base.source, base.owner_rows) for p in exc.problems)
        return _with(base, problems=problems)
    if base.brief_data is None:
        base = _with(base, brief_data=_plain(loaded.document.data))
    report = evaluate(loaded, catalog, waivers=base.waivers)
    # The placeholder rule's own reading, to note every example where it was typed.
    if any(r.rule is PLACEHOLDERS and r.status is Status.failed for r in report.results):
        base = _with(base, examples=tuple(placeholders(loaded.brief, catalog)))
    if report.blocked:
        return _with(base, loaded=loaded, report=report)
    cloud = loaded.brief.cloud
    assert cloud.provider is not None and cloud.region is not None  # guaranteed by the gate
    try:
        design = plan(loaded.brief, catalog, books(cloud.provider, cloud.region))
    except InfragateError as exc:
        problem = FieldProblem(message=exc.render(), fix="fix the brief and try again")
        return _with(base, loaded=loaded, report=report, problems=(problem,))
    return _with(base, loaded=loaded, report=report, design=design)


def _with(base: Intake, **changes: Any) -> Intake:
    return replace(base, **changes)


def _too_big(size: int) -> FieldProblem:
    return FieldProblem(
        message=f"is {size:,} bytes; a brief is at most {MAX_BYTES:,}",
        fix="send the brief itself (infra/brief.yaml), not a bigger file",
    )


def _problem(p: Problem, source: Source, owner_rows: Sequence[int]) -> FieldProblem:
    return FieldProblem(
        message=p.message,
        fix=p.fix,
        field=p.field,
        form_field=form_field(p.field, owner_rows) if source == "form" else None,
        line=p.line,
        column=p.column,
    )


def _form_problem(err: Any) -> FieldProblem:
    loc = tuple(err["loc"])
    text = str(err["msg"]).removeprefix("Value error, ")
    message, _, fix = text.partition("; ")
    if err["type"] == "extra_forbidden":
        message, fix = f"the form has no field '{loc[-1]}'", "send only the intake's fields"
    return FieldProblem(
        message=message,
        fix=fix or "correct this field",
        form_field=form_loc_field(loc),
    )


def _plain(value: Any) -> Any:
    """The parsed document as JSON-ready values (the YAML reader keeps decimals exact)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value) if Decimal(repr(float(value))) == value else str(value)
    return value
