"""Drift of the deployed infrastructure: given a Terraform state, the resources the baseline
sizes must match it (type, size, Multi-AZ, storage, retention), and every managed resource
must be one the rendered Terraform declares."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infragate.errors import UsageError
from infragate.render import hcl, stamp
from infragate.render.context import ENVS_DIR, Baseline, Component, Environment
from infragate.render.drift_findings import Finding, Kind
from infragate.render.tfstate import Resource


def declared(files: Mapping[str, str], env: str) -> set[tuple[str, str, str]]:
    """(module, type, name) of every managed resource the environment's root declares."""
    texts: dict[str, list[str]] = {}
    for path, text in files.items():
        if path.endswith(".tf"):
            texts.setdefault(posixpath.dirname(path), []).append(stamp.read(text)[1])
    parsed: dict[str, list[dict[str, Any]]] = {}  # a folder is parsed once, when reached
    out: set[tuple[str, str, str]] = set()

    def visit(directory: str, module: str, depth: int) -> None:
        if directory not in parsed:
            parsed[directory] = [hcl.parse(t) for t in texts.get(directory, [])]
        for doc in parsed[directory]:
            for labels, _ in hcl.blocks(doc, "resource"):
                out.add((module, labels[0], labels[1]))
            for labels, body in hcl.blocks(doc, "module"):
                source = str(hcl.unquote(body.get("source", "")))
                if source.startswith(".") and depth < 5:
                    child = posixpath.normpath(posixpath.join(directory, source))
                    visit(child, f"{module}.{labels[0]}" if module else labels[0], depth + 1)

    visit(f"{ENVS_DIR}/{env}", "", 0)
    return out


@dataclass(frozen=True)
class _Expect:
    module: str
    type: str
    attributes: dict[str, Any]  # attribute -> expected value
    name: str | None = None  # one resource of the type (the module has others), or all


def expectations(env: Environment) -> list[_Expect]:
    out = []
    for c in env.components:
        out.extend(_expect(env, c))
    return out


def _expect(env: Environment, c: Component) -> list[_Expect]:
    if c.kind in ("postgres", "mysql"):
        attrs: dict[str, Any] = {"instance_class": c.size, "multi_az": c.multi_az}
        if c.storage_gb is not None:
            attrs["allocated_storage"] = c.storage_gb
        if "backup_retention_days" in c.settings:
            attrs["backup_retention_period"] = int(c.settings["backup_retention_days"])
        expected = [_Expect(c.id, "aws_db_instance", attrs, "this")]
        if "read_replicas" in c.settings:
            expected.append(_Expect(c.id, "aws_db_instance", {"instance_class": c.size}, "replica"))
        return expected
    if c.kind == "redis":
        return [
            _Expect(
                c.id,
                "aws_elasticache_replication_group",
                {"node_type": c.size, "num_cache_clusters": c.count},
            )
        ]
    if c.kind == "container_service":
        found = [
            _Expect(
                c.id,
                "aws_ecs_task_definition",
                {"cpu": str(c.cpu_units), "memory": str(c.memory_mib)},
            )
        ]
        if "autoscaling" in c.settings:  # the running count moves between these
            bounds = {"min_capacity": int(c.settings["min_tasks"])}
            bounds["max_capacity"] = int(c.settings["max_tasks"])
            found.append(_Expect(c.id, "aws_appautoscaling_target", bounds))
        elif env.schedule == "always_on":  # scheduled scaling moves desired_count elsewhere
            found.append(_Expect(c.id, "aws_ecs_service", {"desired_count": c.count}))
        return found
    if c.kind == "vm":
        return [_Expect(c.id, "aws_instance", {"instance_type": c.size})]
    if c.kind == "nat_gateway":
        return [_Expect("network", "aws_nat_gateway", {})]
    return []


def _same(want: Any, got: Any) -> bool:
    if isinstance(want, bool) or isinstance(got, bool):
        return bool(want) == bool(got)
    return str(want) == str(got)


def state_environment(resources: Iterable[Resource]) -> set[str]:
    return {env for r in resources if (env := r.tag("environment"))}


def check_state(
    state_path: str, resources: list[Resource], env: Environment, files: Mapping[str, str]
) -> list[Finding]:
    findings: list[Finding] = []
    known = declared(files, env.name)
    by_key: dict[tuple[str, str], list[Resource]] = {}
    for r in resources:
        by_key.setdefault((r.module, r.type), []).append(r)
        if (r.module, r.type, r.name) not in known:
            findings.append(
                Finding(
                    Kind.resource_unknown,
                    state_path,
                    f"{r.address} ({r.type}) is in the state but not in the rendered "
                    f"Terraform of {env.name}",
                    address=r.address,
                )
            )
    for want in expectations(env):
        found = by_key.get((want.module, want.type), [])
        if want.name is not None:
            found = [r for r in found if r.name == want.name]
        named = want.name not in (None, "this")  # the module's main resource goes unnamed
        where = f"module.{want.module}.{want.type}" + (f".{want.name}" if named else "")
        if not found:
            findings.append(
                Finding(
                    Kind.resource_missing,
                    state_path,
                    f"{where}: the baseline has this resource in {env.name}; the state has none",
                    address=where,
                )
            )
            continue
        for r in found:
            diffs = [
                f"{attr} is {r.attributes.get(attr)!r}, the baseline says {value!r}"
                for attr, value in want.attributes.items()
                if not _same(value, r.attributes.get(attr))
            ]
            if diffs:
                findings.append(
                    Finding(
                        Kind.resource_changed,
                        state_path,
                        f"{r.address}: " + "; ".join(diffs),
                        address=r.address,
                    )
                )
    return findings


class UnknownEnvironment(UsageError):
    """The environment a Terraform state is compared with is not one of the baseline's, or
    was not given and cannot be told from the state's environment tags. Its message names
    the CLI's --environment; `for_field` says the same of a form's field."""

    def __init__(
        self, state_path: Path, version: int, names: list[str], asked: str | None, tagged: set[str]
    ) -> None:
        self.state_path, self.version, self.names = state_path, version, names
        self.asked, self.tagged = asked, tagged
        choices = ", ".join(names)
        if asked is not None:
            said = f"--environment {asked}: baseline v{version} has {choices}"
        else:
            said = (
                f"{state_path}: cannot tell which environment this state belongs to "
                f"(environment tags found: {self._seen}); pass --environment with one of {choices}"
            )
        super().__init__(said)

    @property
    def _seen(self) -> str:
        return ", ".join(sorted(self.tagged)) or "none"

    def for_field(self, field: str, state_name: str) -> str:
        """The message for a form whose field `field` names the environment of the state
        uploaded as `state_name`."""
        choices = ", ".join(self.names)
        if self.asked is not None:
            return (
                f"{field}: {self.asked!r} is not an environment of baseline v{self.version}; "
                f"choose one of {choices}"
            )
        return (
            f"{field}: cannot tell which environment {state_name} belongs to (environment "
            f"tags found: {self._seen}); choose one of {choices}"
        )


def pick_environment(
    baseline: Baseline, resources: list[Resource], asked: str | None, state_path: Path
) -> Environment:
    """The environment `asked` for, else the one the state's environment tags all name,
    else the baseline's only one; UnknownEnvironment otherwise."""
    names = [e.name for e in baseline.environments]
    tagged = state_environment(resources)
    if asked is not None:
        if asked not in names:
            raise UnknownEnvironment(state_path, baseline.version, names, asked, tagged)
        return baseline.environment(asked)
    if len(tagged) == 1 and next(iter(tagged)) in names:
        return baseline.environment(next(iter(tagged)))
    if len(names) == 1:
        return baseline.environments[0]
    raise UnknownEnvironment(state_path, baseline.version, names, None, tagged)
