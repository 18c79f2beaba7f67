"""Infracost's breakdown of the rendered Terraform against the baseline's cost frame: the
components and totals that differ by more than a tolerance (5 % unless told).

Input: `infracost breakdown --format json` (https://www.infracost.io/docs/features/cli_commands/
and the JSON schema of https://github.com/infracost/infracost/blob/master/schema/infracost.schema.json,
read 2026-12-07): `totalMonthlyCost` and `projects[].breakdown.resources[]` with `name`
(the resource address) and `monthlyCost`, money as decimal strings or null. A project is
matched to an environment by its `metadata.path` (`.../envs/<env>`; the bootstrap root
goes with the environment that prices the registry), else its `name`.
A resource belongs to the component whose module holds it (`module.<id>.…`; the network
module's to the NAT gateway; `aws_data_transfer.*` to data transfer, the ECR repository to
the registry). Backups and snapshots are compared with the database, whose instance
Infracost prices them on; frame lines Infracost does not price at all (a load balancer's
public IPv4 addresses, custom metrics: infracost_coverage.py) are left out and listed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any

from infragate.costs.infracost_coverage import NOT_PRICED, priced_by_infracost
from infragate.errors import InputError, Problem

TOLERANCE_PCT = Decimal(5)
_FIX = "give the JSON that 'infracost breakdown --format json' writes"


@dataclass(frozen=True)
class Resource:
    environment: str
    address: str
    monthly_usd: Decimal


@dataclass(frozen=True)
class Breakdown:
    total_usd: Decimal
    resources: list[Resource]
    environments: list[str]  # the projects' environments, in file order


@dataclass(frozen=True)
class Difference:
    subject: str  # "prod/database" or "total"
    frame_usd: Decimal
    infracost_usd: Decimal
    tolerance_pct: Decimal

    @property
    def pct(self) -> Decimal | None:
        """The difference as a percentage of the frame; None when the frame is zero."""
        if self.frame_usd == 0:
            return None
        return (self.infracost_usd - self.frame_usd) * 100 / self.frame_usd

    @property
    def beyond(self) -> bool:
        if self.pct is None:
            return self.infracost_usd != 0
        return abs(self.pct) > self.tolerance_pct


@dataclass(frozen=True)
class LeftOut:
    """A frame line outside Infracost's reach (infracost_coverage.py)."""

    subject: str  # "prod/load_balancer"
    item: str
    frame_usd: Decimal
    why: str


@dataclass(frozen=True)
class Comparison:
    rows: list[Difference]  # per component, then the total last
    left_out: list[LeftOut]  # left out of both the rows and the total

    @property
    def beyond(self) -> list[Difference]:
        return [r for r in self.rows if r.beyond]


def _money(value: Any, where: str, problems: list[Problem], nullable: bool) -> Decimal:
    if value is None and nullable:
        return Decimal(0)
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        try:
            amount = Decimal(str(value))
            if amount.is_finite():
                return amount
        except InvalidOperation:
            pass
    problems.append(
        Problem(f'expected a decimal string such as "12.34", got {value!r}', _FIX, field=where)
    )
    return Decimal(0)


def _environment(project: dict[str, Any], known: list[str], bootstrap: str | None) -> str | None:
    path = (project.get("metadata") or {}).get("path")
    if isinstance(path, str):
        parts = PurePosixPath(path.replace("\\", "/")).parts
        if len(parts) >= 2 and parts[-2] == "envs":
            return parts[-1]
        if parts and parts[-1] == "bootstrap":
            return bootstrap
    name = project.get("name")
    if isinstance(name, str):
        last = PurePosixPath(name).name
        if last in known:
            return last
    return None


def read_breakdown(path: Path, known: list[str], bootstrap: str | None = None) -> Breakdown:
    """The breakdown in `path`; InputError (exit 2) naming each field that is wrong.
    `bootstrap`: the environment the bootstrap root's resources (the image registry) are
    priced with in the frame."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, [Problem("no such file", "run infracost breakdown first")]) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(path, [Problem(f"not JSON: {exc}", _FIX, line=line)]) from None
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InputError(path, [Problem("expected a JSON object", _FIX)])
    total = _money(data.get("totalMonthlyCost"), "totalMonthlyCost", problems, nullable=False)
    projects = data.get("projects")
    if not isinstance(projects, list):
        problems.append(Problem("expected a list of projects", _FIX, field="projects"))
        projects = []
    resources, envs = [], []
    for i, project in enumerate(projects):
        where = f"projects[{i}]"
        if not isinstance(project, dict):
            problems.append(Problem("expected an object", _FIX, field=where))
            continue
        env = _environment(project, known, bootstrap)
        if env is None or env not in known:
            problems.append(
                Problem(
                    f"cannot tell which environment this project prices (path "
                    f"{(project.get('metadata') or {}).get('path')!r}); the baseline has "
                    + ", ".join(known),
                    "run infracost with --path infra/terraform/envs/<environment>",
                    field=f"{where}.metadata.path",
                )
            )
            continue
        if env not in envs:
            envs.append(env)
        listed = (project.get("breakdown") or {}).get("resources")
        if not isinstance(listed, list):
            problems.append(Problem("expected a list", _FIX, field=f"{where}.breakdown.resources"))
            continue
        for j, res in enumerate(listed):
            at = f"{where}.breakdown.resources[{j}]"
            if not isinstance(res, dict) or not isinstance(res.get("name"), str):
                problems.append(
                    Problem("expected an object with a string name", _FIX, field=f"{at}.name")
                )
                continue
            cost = _money(res.get("monthlyCost"), f"{at}.monthlyCost", problems, nullable=True)
            resources.append(Resource(env, res["name"], cost))
    if problems:
        raise InputError(path, problems)
    return Breakdown(total, resources, envs)


def component_of(address: str) -> str:
    """The infragate component a resource address of an environment root belongs to."""
    parts = address.split(".")
    if parts[0] == "module" and len(parts) > 1:
        module = parts[1].split("[", 1)[0]
        return "nat_gateway" if module == "network" else module
    if parts[0] == "aws_data_transfer":
        return "data_transfer"
    if parts[0] == "aws_ecr_repository":
        return "registry"
    if parts[0] == "aws_cloudwatch_log_group":
        return "logs"
    return parts[0]  # anything else is named by its type: it has no component of its own


def bootstrap_environment(design: dict[str, Any]) -> str | None:
    """The environment whose frame prices the bootstrap root's image registry."""
    return next((c["environment"] for c in design["components"] if c["id"] == "registry"), None)


def _priced_on(design: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(environment, component) -> the component whose resources Infracost prices it on:
    itself, except backups and snapshots, which Infracost prices on the database instance
    (`additional_backup_storage_gb`, infracost_usage.py)."""
    out: dict[tuple[str, str], str] = {}
    databases: dict[str, str] = {}
    for c in design["components"]:
        if c["kind"] in ("postgres", "mysql"):
            databases.setdefault(c["environment"], c["id"])
    for c in design["components"]:
        env, cid = c["environment"], c["id"]
        out[(env, cid)] = databases.get(env, cid) if c["kind"] == "backups" else cid
    return out


def compare(
    design: dict[str, Any], breakdown: Breakdown, tolerance_pct: Decimal = TOLERANCE_PCT
) -> Comparison:
    """Each component of the environments Infracost priced, then the total; the frame's
    lines that Infracost does not price are left out of both, and listed."""
    covered = set(breakdown.environments)
    priced_on = _priced_on(design)
    frame: dict[tuple[str, str], Decimal] = {}
    for c in design["components"]:  # every component has a row, in the design's order
        if c["environment"] in covered:
            frame.setdefault((c["environment"], priced_on[(c["environment"], c["id"])]), Decimal(0))
    left_out: list[LeftOut] = []
    for line in design["cost"]["lines"]:
        env, cid = line["environment"], line["component"]
        if env not in covered:
            continue
        amount = Decimal(str(line["monthly_usd"]))
        if not priced_by_infracost(line["item"]):
            left_out.append(LeftOut(f"{env}/{cid}", line["item"], amount, NOT_PRICED[line["item"]]))
            continue
        key = (env, priced_on.get((env, cid), cid))
        frame[key] = frame.get(key, Decimal(0)) + amount
    priced: dict[tuple[str, str], Decimal] = {}
    for r in breakdown.resources:
        key = (r.environment, component_of(r.address))
        priced[key] = priced.get(key, Decimal(0)) + r.monthly_usd
    # the design's order, then what only Infracost has
    keys = [*frame, *(k for k in priced if k not in frame)]
    rows = [
        Difference(
            f"{env}/{cid}",
            frame.get((env, cid), Decimal(0)),
            priced.get((env, cid), Decimal(0)),
            tolerance_pct,
        )
        for env, cid in keys
    ]
    by_env = design["cost"]["by_environment"]
    frame_total = sum((Decimal(str(by_env[e])) for e in covered), Decimal(0))
    frame_total -= sum((x.frame_usd for x in left_out), Decimal(0))
    rows.append(Difference("total", frame_total, breakdown.total_usd, tolerance_pct))
    return Comparison(rows, left_out)


def comparison_text(result: Comparison) -> str:
    lines = [f"{'subject':<32} {'frame':>12} {'infracost':>12} {'diff':>9}"]
    for r in result.rows:
        pct = "n/a" if r.pct is None else f"{r.pct:+.1f} %"
        mark = "  beyond" if r.beyond else ""
        lines.append(
            f"{r.subject:<32} {r.frame_usd:>12,.2f} {r.infracost_usd:>12,.2f} {pct:>9}{mark}"
        )
    count = len(result.beyond)
    tol = result.rows[-1].tolerance_pct if result.rows else TOLERANCE_PCT
    lines.append(
        f"{count} difference{'s' if count != 1 else ''} beyond {tol} %"
        if count
        else f"every component and the total within {tol} %"
    )
    if result.left_out:
        total = sum((x.frame_usd for x in result.left_out), Decimal(0))
        lines += [
            "",
            f"left out of the comparison, {total:,.2f} a month the frame prices and Infracost does not:",
        ]
        for x in result.left_out:
            lines.append(f"  {x.subject:<30} {x.frame_usd:>10,.2f}  {x.item}: {x.why}")
    return "\n".join(lines) + "\n"


def comparison_data(result: Comparison) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "rows": [
            {
                "subject": r.subject,
                "frame_monthly_usd": f"{r.frame_usd:.2f}",
                "infracost_monthly_usd": f"{r.infracost_usd:.2f}",
                "difference_pct": None if r.pct is None else f"{r.pct:.1f}",
                "beyond": r.beyond,
            }
            for r in result.rows
        ],
        "beyond": len(result.beyond),
        "left_out": [
            {
                "subject": x.subject,
                "item": x.item,
                "frame_monthly_usd": f"{x.frame_usd:.2f}",
                "why": x.why,
            }
            for x in result.left_out
        ],
    }
