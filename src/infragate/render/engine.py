"""Jinja2 templates kept as files, rendered from one baseline into stamped file texts.

The template tree under `templates/` mirrors the output tree: `templates/Dockerfile.j2`
becomes `Dockerfile`. Two spellings keep the tree packageable and explicit:
a directory named `__env__` is rendered once per environment of the baseline (with
`env` bound), and a leading `dot_` stands for a leading dot (`dot_github` → `.github`),
because setuptools' package-data globs skip dotfiles. A template that renders to
whitespace only produces no file: that is how a template says "not for this baseline".
"""

from __future__ import annotations

import json
import os
import shlex
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2

from infragate import __version__
from infragate.errors import CatalogError
from infragate.render import pins, stamp
from infragate.render.alerts import alerts
from infragate.render.app_env import aws_environment, aws_secrets, parameter_arns, secret_arns
from infragate.render.context import Baseline, Environment

ENV_DIR = "__env__"
DOT_PREFIX = "dot_"
SUFFIX = ".j2"
# The repository's composite action (action.yml at its root, packaged through the link
# render/action.yml), copied as it is: the pipeline runs infragate through this copy, so a
# client's repository needs no access to wherever the agency keeps infragate.
ACTION_COPY = ".github/actions/infragate/action.yml"


def _hcl(value: Any) -> str:
    """A Python value as an HCL literal (strings escape Terraform's `${` and `%{`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return f"{value:f}" if isinstance(value, Decimal) else str(value)
    if isinstance(value, str):
        # ensure_ascii=False: a character outside the BMP would otherwise become a pair of
        # \\uD83D-style surrogate escapes, which HCL refuses ('terraform fmt' fails).
        text = json.dumps(value, ensure_ascii=False)
        return text.replace("${", "$${").replace("%{", "%%{")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_hcl(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {_hcl(v)}" for k, v in value.items()) + " }"
    if value is None:
        return "null"
    raise TypeError(f"no HCL literal for {type(value).__name__}")


def _gh(expression: str) -> str:
    """A GitHub Actions expression, `${{ expression }}`, without fighting Jinja's braces."""
    return "${{ " + expression + " }}"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs: compiling every template is most of a cold
    render's time. Jinja keys each entry on the template's source checksum, so an edited
    template is never served stale; an unwritable cache folder only costs speed."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "infragate" / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("infragate.render", "templates"),
        bytecode_cache=_bytecode_cache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # `{#` opens shell's `${#array[@]}`; template comments use `{##` … `##}` instead.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["hcl"] = _hcl
    env.filters["shquote"] = shlex.quote
    # Jinja's own tojson escapes <, > and & for HTML; these files are not HTML.
    env.filters["tojson"] = lambda v: json.dumps(v, sort_keys=True, default=str)
    env.globals["gh"] = _gh
    env.globals["alerts"] = alerts
    env.globals["aws_environment"] = aws_environment
    env.globals["aws_secrets"] = aws_secrets
    env.globals["aws_parameter_arns"] = parameter_arns
    env.globals["aws_secret_arns"] = secret_arns
    # the pipeline installs the infragate that rendered it, to run the same `verify`
    env.globals["infragate_version"] = __version__
    return env


def template_names() -> list[str]:
    return sorted(n for n in environment().list_templates() if n.endswith(SUFFIX))


def output_path(template: str, env: Environment | None) -> str:
    parts = []
    for part in template.removesuffix(SUFFIX).split("/"):
        if part == ENV_DIR:
            assert env is not None
            part = env.name
        elif part.startswith(DOT_PREFIX):
            part = "." + part.removeprefix(DOT_PREFIX)
        parts.append(part)
    return "/".join(parts)


def _bodies(baseline: Baseline) -> dict[str, str]:
    jinja = environment()
    out: dict[str, str] = {}
    for name in template_names():
        template = jinja.get_template(name)
        envs: list[Environment | None] = (
            list(baseline.environments) if ENV_DIR in name.split("/") else [None]
        )
        for env in envs:
            try:
                body = template.render(b=baseline, env=env)
            except jinja2.TemplateError as exc:
                where = f"{name} for {env.name}" if env else name
                raise CatalogError(f"template {where} cannot render this baseline: {exc}") from None
            if body.strip():
                path = output_path(name, env)
                body = pins.adopt(path, body.rstrip("\n") + "\n", baseline.existing.get(path))
                out[path] = body
    return out


def action_text() -> str:
    return (files("infragate.render") / "action.yml").read_text(encoding="utf-8")


def render(baseline: Baseline) -> dict[str, str]:
    """Relative output path → stamped file text, in path order."""
    bodies = {**_bodies(baseline), ACTION_COPY: action_text()}
    return {
        path: stamp.stamp(path, body, baseline.project, baseline.version, baseline.sha256)
        for path, body in sorted(bodies.items())
    }
