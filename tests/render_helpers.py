"""Frozen baselines of the bundled examples, made by the real lifecycle with a fixed clock,
so that what is rendered from them is the same on every run (golden files)."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from infragate.brief.loader import load_brief
from infragate.brief.model import Role
from infragate.catalog.loader import load_catalog
from infragate.lifecycle import service
from infragate.lifecycle.clock import Clock
from infragate.render import drift_state, engine, source
from infragate.render.context import Baseline
from infragate.store.engine import open_store
from tests.signing_keys import key_for, write_signers

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = (
    "ceo-dashboard",
    "enterprise-launch",
    "hackathon",
    "marketplace",
    "payments-api",
    "shopfront",
)
FROZEN_AT = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 25)
WAIVER_DAYS = 90
# The examples that carry their application's code, and where it is.
APP_CODE = {"ceo-dashboard": ("app", "requirements.txt")}


def freeze_example(name: str, dest: Path) -> Path:
    """Copy the example's brief to dest/infra/ (and its code), approve, waive its
    blockers, freeze.

    Returns the lock file's path. The store is a SQLite file under dest/.store/.
    """
    return freeze_brief(ROOT / "examples" / name / "infra" / "brief.yaml", dest)


def freeze_brief(source_brief: Path, dest: Path) -> Path:
    """freeze_example for any brief (a template's, say): copied to dest/infra/brief.yaml."""
    brief_path = dest / "infra" / "brief.yaml"
    brief_path.parent.mkdir(parents=True, exist_ok=True)
    if source_brief != brief_path:
        shutil.copyfile(source_brief, brief_path)
    # The application's code, where the example has it: the container contract is read
    # from it (the example's legacy infrastructure files stay behind).
    example = source_brief.parent.parent
    parts = APP_CODE.get(example.name, ()) if example.parent == ROOT / "examples" else ()
    for part in parts:
        source = example / part
        if source.is_dir():
            shutil.copytree(source, dest / part, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, dest / part)
    (dest / ".store").mkdir(exist_ok=True)
    store = open_store(f"sqlite:///{dest / '.store' / 'infragate.db'}")
    catalog = load_catalog()
    loaded = load_brief(brief_path)
    brief = loaded.brief
    minutes = 0

    def clock(actor: str) -> Clock:
        nonlocal minutes
        minutes += 1
        return Clock(FROZEN_AT + timedelta(minutes=minutes), actor)

    infra = brief.owners_with(Role.infra_owner)[0].email
    budget = brief.owners_with(Role.budget_owner)[0].email
    candidate = service.candidate(loaded, catalog)
    for blocker in candidate.blockers:
        service.waive(
            store,
            loaded,
            clock(infra),
            blocker.key,
            infra,
            "accepted for the example: the risk is documented in the design",
            TODAY + timedelta(days=WAIVER_DAYS),
        )
    write_signers(brief_path.parent, (o.email for o in brief.owners))
    service.approve(
        store, loaded, catalog, clock(infra), Role.infra_owner, infra, "", key_for(infra)
    )
    if brief.maturity is not None and brief.maturity.value != "prototype":
        service.approve(
            store, loaded, catalog, clock(budget), Role.budget_owner, budget, "", key_for(budget)
        )
    lock = dest / "infra" / "baseline.lock.json"
    service.freeze(store, loaded, clock(infra), lock)
    store.engine.dispose()
    return lock


def baseline_of(lock: Path) -> Baseline:
    return source.load(lock, lock.parent / "brief.yaml", TODAY)


def rendered(lock: Path) -> dict[str, str]:
    return engine.render(baseline_of(lock))


AWS = 'provider["registry.terraform.io/hashicorp/aws"]'


def state_after_apply(baseline: Baseline, env: str) -> dict[str, Any]:
    """A state file (format 4) holding exactly what the rendered Terraform of `env` declares,
    with the attributes the baseline sizes: what 'terraform state pull' shows after apply."""
    files = engine.render(baseline)
    wanted = {
        (e.module, e.type, e.name or "this"): e.attributes
        for e in drift_state.expectations(baseline.environment(env))
    }
    resources = []
    for module, type_, name in sorted(drift_state.declared(files, env)):
        attributes: dict[str, Any] = {"tags_all": baseline.tags(env)}
        attributes.update(wanted.get((module, type_, name), {}))
        resources.append(
            {
                "mode": "managed",
                "type": type_,
                "name": name,
                "module": ".".join(f"module.{m}" for m in module.split(".")),
                "provider": AWS,
                "instances": [{"schema_version": 0, "attributes": attributes}],
            }
        )
    return {"version": 4, "terraform_version": "1.11.4", "serial": 7, "resources": resources}
