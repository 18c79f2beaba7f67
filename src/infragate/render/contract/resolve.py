"""The contract: the brief's `workload.app` inputs first, then what the repository's code
shows; `ContractUnknown` names every item neither gives, with the input that sets it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from infragate.audit.repo import Repo
from infragate.render.contract import facts, install, stacks
from infragate.render.contract.model import (
    ANY_ANSWER,
    DEFAULT_DATABASE_ENV,
    OK_ONLY,
    Contract,
    ContractUnknown,
    Install,
    Process,
    Variable,
)

BRIEF = "workload.app"
HTTP_SERVICES = ("web", "api")
# Route names, best first: deep health (dependencies checked) and liveness (process only).
HEALTH_NAMES = (
    "/health",
    "/healthz",
    "/api/health",
    "/health/ready",
    "/readyz",
    "/ready",
    "/up",
    "/status",
    "/api/status",
)
LIVENESS_NAMES = (
    "/livez",
    "/health/live",
    "/healthz/live",
    "/live",
    "/liveness",
    "/ping",
    "/api/ping",
)
DATABASE_NAMES = (
    "DATABASE_URL",
    "DB_URL",
    "POSTGRES_URL",
    "POSTGRESQL_URL",
    "PG_URL",
    "MYSQL_URL",
)


def _pick(names: Sequence[str], found: Mapping[str, str]) -> tuple[str, str] | None:
    for name in names:
        if name in found:
            return name, found[name]
    return None


def resolve(
    app: Mapping[str, Any] | None,
    runtime: str,
    default_port: int,
    services: Sequence[str],
    datastores: Sequence[str],
    repo: Repo | None,
) -> Contract:
    """`app`: the frozen brief's workload.app (JSON form); `repo`: the project's files, or
    None where the code is not there."""
    app = dict(app or {})
    missing: list[tuple[str, str]] = []
    sources: dict[str, str] = {}
    inferred = stacks.infer(repo, runtime, default_port)

    # -- port --------------------------------------------------------------------------
    if app.get("port"):
        port, sources["port"] = int(app["port"]), f"{BRIEF}.port"
    elif inferred.port:
        port, sources["port"] = inferred.port
    elif inferred.commands.get("web"):
        # infragate wrote the web command itself, binding it to the runtime's port
        port, sources["port"] = default_port, "the start command infragate renders"
    else:
        port = default_port
        missing.append(("the port the application listens on", f"{BRIEF}.port"))

    if port != default_port:
        # the commands infragate writes itself bind the contract's port
        inferred = stacks.infer(repo, runtime, port)

    # -- processes -------------------------------------------------------------------------
    given = {w["name"]: (list(w["command"]), f"{BRIEF}.workers") for w in app.get("workers", [])}
    processes: list[Process] = []
    http = [s for s in services if s in HTTP_SERVICES]
    for service in services:
        is_start = bool(http) and service == http[0]
        if is_start and app.get("start"):
            command, where = list(app["start"]), f"{BRIEF}.start"
        elif service in given:
            command, where = given[service]
        elif service in inferred.commands:
            command, where = inferred.commands[service]
        else:
            field = f"{BRIEF}.start" if is_start else f"{BRIEF}.workers (name: {service})"
            missing.append((f"how the '{service}' service starts", field))
            continue
        processes.append(Process(service, tuple(command), service in HTTP_SERVICES, where))

    # -- health ----------------------------------------------------------------------------
    routes = facts.routes(repo) if repo else {}
    health = liveness = None
    if app.get("health_path"):
        health = (app["health_path"], f"{BRIEF}.health_path")
    else:
        health = _pick(HEALTH_NAMES, routes) or inferred.health_hint
    if app.get("liveness_path"):
        liveness = (app["liveness_path"], f"{BRIEF}.liveness_path")
    else:
        liveness = _pick(LIVENESS_NAMES, routes) or inferred.liveness_hint
    if health is None and http:
        missing.append(
            (
                "the health path (a route answering 200 when the app and its dependencies work)",
                f"{BRIEF}.health_path",
            )
        )
    health_path = health[0] if health else "/"
    sources["health_path"] = health[1] if health else "none"
    if liveness:
        liveness_path, statuses, sources["liveness_path"] = liveness[0], OK_ONLY, liveness[1]
    else:  # no shallow route: an HTTP answer below 500 from / means the process is up
        liveness_path, statuses = "/", ANY_ANSWER
        sources["liveness_path"] = (
            f"no liveness route found; {BRIEF}.liveness_path sets one: any answer below 500"
        )

    # -- dependencies ------------------------------------------------------------------------
    setup = _install(app, runtime, repo, missing)

    # -- variables ---------------------------------------------------------------------------
    reads = facts.env_reads(repo) if repo else {}
    variables = {n: Variable(n, where) for n, where in reads.items()}
    for item in app.get("env", []):
        if isinstance(item, str):
            variables[item] = Variable(item, f"{BRIEF}.env")
        else:
            name = item["name"]
            where = variables[name].source if name in variables else f"{BRIEF}.env"
            variables[name] = Variable(name, where, item.get("value"), bool(item.get("secret")))
    database_env = None
    if "postgres" in datastores or "mysql" in datastores:
        if app.get("database_env"):
            database_env = app["database_env"]
        elif found := _pick(DATABASE_NAMES, reads):
            database_env = found[0]
        elif inferred.database_env:
            database_env = inferred.database_env[0]
        elif repo is None or not reads:
            database_env = DEFAULT_DATABASE_ENV  # the convention, said so in .env.example
        else:
            missing.append(
                (
                    "the variable the application reads its database URL from (none of "
                    f"{', '.join(DATABASE_NAMES)} is read in the code)",
                    f"{BRIEF}.database_env",
                )
            )
        if database_env:
            variables.setdefault(database_env, Variable(database_env, "the database's URL"))
    scheme = facts.database_scheme(repo) if repo and "mysql" not in datastores else None

    if missing:
        raise ContractUnknown(missing)
    assert setup is not None
    return Contract(
        framework=inferred.framework,
        port=port,
        health_path=health_path,
        liveness_path=liveness_path,
        liveness_statuses=statuses,
        processes=tuple(processes),
        variables=tuple(sorted(variables.values(), key=lambda v: v.name)),
        database_env=database_env,
        database_scheme=scheme[0]
        if scheme
        else ("mysql" if "mysql" in datastores else "postgresql"),
        install=setup,
        artifacts=inferred.artifacts,
        sources=sources,
    )


def _install(
    app: Mapping[str, Any], runtime: str, repo: Repo | None, missing: list[tuple[str, str]]
) -> Install | None:
    given = app.get("package_manager")
    found = install.detect(repo, runtime) if repo else None
    if given:
        if install.runtime_of(given) != {"static": "node"}.get(runtime, runtime):
            missing.append(
                (
                    f"a package manager for runtime {runtime} ({given} is not one)",
                    f"{BRIEF}.package_manager",
                )
            )
            return None
        manager, source = given, f"{BRIEF}.package_manager"
    elif found:
        manager, source = found[0], found[1]
    else:
        what = "the lock file that pins the dependencies (none found in the repository)"
        missing.append((what, f"{BRIEF}.package_manager, or commit the lock file"))
        return None
    recipe = install.recipe(manager, source)
    if manager == "yarn" and repo is not None and ".yarnrc.yml" not in repo.paths:
        # Yarn 1 (classic), which the node images carry; Berry projects have .yarnrc.yml
        recipe = Install(
            "yarn",
            recipe.manifests,
            "yarn install --frozen-lockfile",
            "",
            recipe.ecosystem,
            source,
        )
    return recipe
