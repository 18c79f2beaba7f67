"""Load `infra/brief.yaml` into a Brief, or explain precisely what is wrong with it."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from infragate.brief.model import Brief
from infragate.errors import InputError, Problem
from infragate.yamldoc import Document, PathKey, parse, read_text

DEFAULT_BRIEF_PATH = Path("infra/brief.yaml")
CREATE_HINT = "create one with 'infragate init' (or pass the brief's path)"


@dataclass(frozen=True)
class LoadedBrief:
    brief: Brief
    document: Document

    @property
    def path(self) -> Path:
        return self.document.path


def load_brief(path: Path) -> LoadedBrief:
    text = read_text(path, what="a brief", create_hint=CREATE_HINT)
    return parse_brief(path, text)


def parse_brief(path: Path, text: str) -> LoadedBrief:
    document = parse(path, text)
    if not isinstance(document.data, dict):
        raise InputError(
            path,
            [
                Problem(
                    message="the brief must be a mapping of keys (version, project, owners, ...)",
                    fix="start from 'infragate init' to see the expected shape",
                    line=1,
                    column=1,
                )
            ],
        )
    try:
        brief = Brief.model_validate(document.data)
    except ValidationError as exc:
        problems = [_problem(err, document) for err in exc.errors()]
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise InputError(path, problems) from None
    return LoadedBrief(brief=brief, document=document)


def _problem(err: Any, document: Document) -> Problem:
    loc: PathKey = tuple(err["loc"])
    kind: str = err["type"]
    dotted = _dotted(loc)
    line_col = document.locate(loc, value=kind not in ("extra_forbidden", "missing"))
    line, col = line_col if line_col else (None, None)
    fields = _fields_at(Brief, loc[:-1])
    leaf = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(leaf), fields, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close else ""
        allowed = ", ".join(fields)
        return Problem(
            f"unknown key '{leaf}'", f"{hint}keys allowed here: {allowed}", line, col, dotted
        )
    if kind == "missing":
        parent = _dotted(loc[:-1]) or "the top level"
        return Problem(
            f"'{leaf}' is required",
            f"add '{leaf}:' under {parent}{_example(loc)}",
            line,
            col,
            dotted,
        )
    if kind == "value_error":
        text = str(err["msg"]).removeprefix("Value error, ")
        message, _, fix = text.partition("; ")
        return Problem(message, fix or "see 'infragate schema brief'", line, col, dotted)
    got = err.get("input")
    shown = repr(got) if not isinstance(got, dict | list) else type(got).__name__
    message = f"{err['msg'][0].lower()}{err['msg'][1:]}, got {shown}"
    fix = "see 'infragate schema brief' for the expected form"
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip()]
        close = difflib.get_close_matches(str(got), options, n=1, cutoff=0.5)
        fix = (f"did you mean '{close[0]}'? " if close else "") + f"use one of: {expected}"
    elif _example(loc):
        fix = f"write it like{_example(loc)}"
    return Problem(message, fix, line, col, dotted)


def _dotted(loc: PathKey) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as `list[Owner] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_of(arg)
            if found:
                return found
    return None


def _walk(model: type[BaseModel], loc: PathKey) -> type[BaseModel] | None:
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue  # list index: same model as the list's items
        info = current.model_fields.get(part)
        current = _model_of(info.annotation) if info else None
    return current


def _fields_at(model: type[BaseModel], loc: PathKey) -> list[str]:
    found = _walk(model, loc)
    return list(found.model_fields) if found else []


def _example(loc: PathKey) -> str:
    parent = _walk(Brief, loc[:-1])
    if not parent or not loc or not isinstance(loc[-1], str):
        return ""
    info = parent.model_fields.get(loc[-1])
    if info and info.examples:
        return f": '{loc[-1]}: {_yaml_scalar(info.examples[0])}'"
    return ""


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_scalar(v) for v in value) + "]"
    if isinstance(value, str) and value.replace(".", "", 1).isdigit():
        return f'"{value}"'
    return str(value)
