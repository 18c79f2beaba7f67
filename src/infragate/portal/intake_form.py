"""The intake form's fields and the brief document they make.

The form carries text as a person types it. Turning it into a brief document only drops
what is blank and reads numbers; judging a value stays with the brief model and the gate,
and each problem they find is pointed back at the form field it came from
(`form_field`). A form starts from a catalog template (`form_from_template`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from infragate.brief.model import Brief
from infragate.catalog.model import Template
from infragate.maturity import Maturity

# How a form field's text goes into the brief: as text, or read as a number when it is one.
Kind = Literal["text", "number"]

# Form field -> (where it goes in the brief, how its text is read). The brief's own order.
SCALARS: dict[str, tuple[tuple[str, ...], Kind]] = {
    "project_name": (("project", "name"), "text"),
    "team": (("project", "team"), "text"),
    "cost_center": (("project", "cost_center"), "text"),
    "client": (("project", "client"), "text"),
    "description": (("project", "description"), "text"),
    "maturity": (("maturity",), "text"),
    "runtime": (("workload", "runtime"), "text"),
    "users": (("load", "users"), "number"),
    "peak_rps": (("load", "peak_rps"), "number"),
    "data_gb": (("load", "data_gb"), "number"),
    "growth_pct_month": (("load", "growth_pct_month"), "number"),
    "egress_gb_month": (("load", "egress_gb_month"), "number"),
    "object_storage_gb": (("load", "object_storage_gb"), "number"),
    "load_profile": (("load", "profile"), "text"),
    # Written quoted, as the templates write it: "99.90" keeps its last digit.
    "availability_target": (("availability", "target"), "text"),
    "rto_minutes": (("availability", "rto_minutes"), "number"),
    "rpo_minutes": (("availability", "rpo_minutes"), "number"),
    "criticality": (("data", "criticality"), "text"),
    "budget_monthly_usd": (("budget", "monthly_usd"), "number"),
    "cloud_provider": (("cloud", "provider"), "text"),
    "cloud_region": (("cloud", "region"), "text"),
}
LISTS: dict[str, tuple[str, ...]] = {
    "services": ("workload", "services"),
    "datastores": ("workload", "datastores"),
    "compliance": ("data", "compliance"),
}
FLAGS: dict[str, tuple[str, ...]] = {
    "personal_data": ("data", "personal_data"),
    "budget_hard_limit": ("budget", "hard_limit"),
}
OTHERS: dict[str, tuple[str, ...]] = {
    "residency": ("data", "residency"),
    "constraints": ("constraints",),
    "owners": ("owners",),
}
OWNER_KEYS = ("name", "email", "roles")
# Owner rows a form may carry: a brief names a handful of people, never hundreds.
MAX_OWNER_ROWS = 20
RESIDENCY_ZONES = ("eu", "uk", "us")

_FIELD_OF_PATH: dict[tuple[str, ...], str] = {
    **{path: name for name, (path, _) in SCALARS.items()},
    **{path: name for name, path in {**LISTS, **FLAGS, **OTHERS}.items()},
}


def _blank_is_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _one_line(value: Any) -> Any:
    if isinstance(value, str) and any(c in value for c in "\r\n\x85\u2028\u2029"):
        raise ValueError("holds a line break; write it on one line")
    return value


Line = Annotated[str, BeforeValidator(_one_line)]
Flag = Annotated[bool | None, BeforeValidator(_blank_is_none)]


class OwnerFields(BaseModel):
    """One row of the owners table."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)

    name: Line = ""
    email: Line = ""
    roles: list[Line] = []

    @property
    def blank(self) -> bool:
        return not (self.name or self.email or self.roles)


class IntakeForm(BaseModel):
    """The intake form as submitted: text as typed, lists of the options ticked."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)

    template: Line = Field(description="The catalog template the request starts from.")
    maturity: Line = ""
    project_name: Line = ""
    team: Line = ""
    cost_center: Line = ""
    client: Line = ""
    description: Line = ""
    owners: list[OwnerFields] = Field(default_factory=list, max_length=MAX_OWNER_ROWS)
    runtime: Line = ""
    services: list[Line] = []
    datastores: list[Line] = []
    users: Line = ""
    peak_rps: Line = ""
    data_gb: Line = ""
    growth_pct_month: Line = ""
    egress_gb_month: Line = ""
    object_storage_gb: Line = ""
    load_profile: Line = ""
    availability_target: Line = ""
    rto_minutes: Line = ""
    rpo_minutes: Line = ""
    criticality: Line = ""
    personal_data: Flag = None
    compliance: list[Line] = []
    residency: Line = Field("", description="A zone (eu, uk, us) or region codes, by commas.")
    budget_monthly_usd: Line = ""
    budget_hard_limit: bool = False
    cloud_provider: Line = ""
    cloud_region: Line = ""
    constraints: str = Field("", description="One constraint a line.")

    @field_validator("services", "datastores", "compliance")
    @classmethod
    def _ticked(cls, values: list[str]) -> list[str]:
        return [v for v in values if v]


@dataclass(frozen=True)
class BriefDocument:
    """The brief a form makes, and the form row of each owner it lists (blank rows are
    left out, so the brief's owners[1] may be the form's third row)."""

    data: dict[str, Any]
    owner_rows: tuple[int, ...]


def brief_document(form: IntakeForm) -> BriefDocument:
    """The brief document (plain values, in the brief's key order) the form describes."""
    sections: dict[str, Any] = {key: {} for key in Brief.model_fields}
    sections["version"] = 1
    for name, (path, kind) in SCALARS.items():
        text = getattr(form, name)
        if text:
            _put(sections, path, _number(text) if kind == "number" else text)
    for name, path in LISTS.items():
        _put(sections, path, list(getattr(form, name)))
    for name, path in FLAGS.items():
        flag = getattr(form, name)
        if flag is not None:
            _put(sections, path, flag)
    if form.residency:
        _put(sections, OTHERS["residency"], _residency(form.residency))
    rows = tuple(i for i, owner in enumerate(form.owners) if not owner.blank)
    sections["owners"] = [_owner(form.owners[i]) for i in rows]
    sections["constraints"] = [ln.strip() for ln in form.constraints.splitlines() if ln.strip()]
    data = {
        key: _in_model_order(key, value) for key, value in sections.items() if value not in ({}, [])
    }
    return BriefDocument(data, rows)


def _in_model_order(section: str, value: Any) -> Any:
    """A section's keys in the order the brief model declares them, as `init` writes them."""
    if not isinstance(value, dict):
        return value
    order = list(getattr(Brief.model_fields[section].annotation, "model_fields", {}))
    return dict(sorted(value.items(), key=lambda item: order.index(item[0])))


def _put(sections: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    if len(path) == 1:
        sections[path[0]] = value
    else:
        sections[path[0]][path[1]] = value


def _owner(row: OwnerFields) -> dict[str, Any]:
    owner: dict[str, Any] = {}
    if row.name:
        owner["name"] = row.name
    if row.email:
        owner["email"] = row.email
    owner["roles"] = list(row.roles)
    return owner


def _number(text: str) -> Any:
    """An int or a float when the text is exactly one; else the text, for the brief model
    to refuse with the value as typed."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if not number.is_finite() or abs(number.adjusted()) > 30:
        return text
    if number == number.to_integral_value():
        return int(number)
    as_float = float(number)
    return as_float if Decimal(repr(as_float)) == number else text


def _residency(text: str) -> str | list[str]:
    """A zone stays a word; region codes (one has a dash) become a list."""
    if "," in text or "-" in text:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


def form_field(dotted: str | None, owner_rows: Sequence[int] = ()) -> str | None:
    """The form field a brief field (`load.peak_rps`, `owners[1].email`) was typed in."""
    if not dotted:
        return None
    parts = _parts(dotted)
    if parts[0] == "owners":
        if len(parts) > 1 and isinstance(parts[1], int):
            index = parts[1]
            row = owner_rows[index] if index < len(owner_rows) else index
            key = parts[2] if len(parts) > 2 and parts[2] in OWNER_KEYS else "name"
            return f"owners-{row}-{key}"
        return "owners"
    names = tuple(p for p in parts if isinstance(p, str))
    while names:
        if names in _FIELD_OF_PATH:
            return _FIELD_OF_PATH[names]
        names = names[:-1]
    return None


def form_loc_field(loc: Sequence[str | int]) -> str | None:
    """The form field a problem of the form itself (a pydantic location) is about."""
    if not loc:
        return None
    if loc[0] == "owners" and len(loc) > 2 and isinstance(loc[1], int):
        return f"owners-{loc[1]}-{loc[2]}"
    return str(loc[0])


def _parts(dotted: str) -> list[str | int]:
    parts: list[str | int] = []
    for chunk in dotted.replace("]", "").split("."):
        name, *indexes = chunk.split("[")
        parts.append(name)
        parts.extend(int(i) for i in indexes if i.isdigit())
    return parts


def form_from_template(template: Template, maturity: Maturity | None = None) -> IntakeForm:
    """The form as the intake page first shows it: the template's values, which the person
    replaces with the product's own (GATE014 refuses the examples)."""
    brief = template.brief
    values: dict[str, Any] = {"template": template.name}
    for name, (path, _) in SCALARS.items():
        found = _get(brief, path)
        if found is not None:
            values[name] = str(found)
    for name, path in LISTS.items():
        values[name] = [str(v) for v in _get(brief, path) or []]
    for name, path in FLAGS.items():
        if _get(brief, path) is not None:
            values[name] = bool(_get(brief, path))
    residency = _get(brief, OTHERS["residency"])
    if residency is not None:
        values["residency"] = residency if isinstance(residency, str) else ", ".join(residency)
    values["constraints"] = "\n".join(str(c) for c in brief.get("constraints") or [])
    values["owners"] = [
        {"name": o.get("name", ""), "email": o.get("email", ""), "roles": o.get("roles", [])}
        for o in brief.get("owners") or []
    ]
    if maturity is not None:
        values["maturity"] = str(maturity)
    return IntakeForm.model_validate(values)


def _get(brief: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    found: Any = brief
    for key in path:
        found = found.get(key) if isinstance(found, Mapping) else None
    return found


def form_values(pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """An HTML form's (name, value) pairs as the values of an IntakeForm: ticked boxes and
    multiple selects become lists, `owners-<row>-<key>` fields become owner rows. Fields
    the intake does not know (a CSRF token, a button) are left out; an owner row past
    MAX_OWNER_ROWS is kept under its own name, for the form model to refuse."""
    known = set(IntakeForm.model_fields) - {"owners"}
    multiple = set(LISTS)
    values: dict[str, Any] = {}
    rows: dict[int, dict[str, Any]] = {}
    for name, value in pairs:
        if name.startswith("owners-"):
            _, row, key = [*name.split("-", 2), "", ""][:3]
            if row.isdigit() and int(row) < MAX_OWNER_ROWS and key in OWNER_KEYS:
                fields = rows.setdefault(int(row), {})
                if key == "roles":
                    fields.setdefault("roles", []).append(value)
                else:
                    fields.setdefault(key, value)
            else:
                values[name] = value
        elif name in multiple:
            values.setdefault(name, []).append(value)
        elif name in known:
            values.setdefault(name, value)
    if rows:
        values["owners"] = [rows.get(i, {}) for i in range(max(rows) + 1)]
    return values


def choices() -> dict[str, list[str]]:
    """The options of the form's selects and boxes: the brief model's own values."""
    from infragate.brief import model as bm
    from infragate.brief.fields import Service
    from infragate.pricing.book import available

    return {
        "maturity": [str(m) for m in Maturity],
        "runtime": list(get_args(bm.Runtime)),
        "services": list(get_args(Service)),
        "datastores": list(get_args(bm.Datastore)),
        "load_profile": list(get_args(bm.LoadProfile)),
        "criticality": list(get_args(bm.Criticality)),
        "compliance": list(get_args(bm.Compliance)),
        "roles": [str(r) for r in bm.Role],
        "cloud_provider": sorted({p for p, _ in available()}),
        "cloud_region": sorted({r for _, r in available()}),
    }


def shown_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values to fill the form with again, as submitted (valid or not): every field present,
    every owner row complete, and one blank row more for another person."""
    shown: dict[str, Any] = IntakeForm.model_construct(template="").model_dump()
    shown.update({k: v for k, v in values.items() if k in shown and k != "owners"})
    rows = [
        {
            "name": str(row.get("name", "")),
            "email": str(row.get("email", "")),
            "roles": [str(r) for r in row.get("roles", [])],
        }
        for row in values.get("owners") or []
        if isinstance(row, Mapping)
    ]
    if len(rows) < MAX_OWNER_ROWS and (not rows or any(rows[-1].values())):
        rows.append({"name": "", "email": "", "roles": []})
    shown["owners"] = rows
    return shown
