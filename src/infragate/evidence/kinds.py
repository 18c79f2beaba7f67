"""What each kind of evidence must show, read from its file into `facts`.

Every problem names the file, the line and what to do (exit 2); nothing is recorded
from a file with a problem. The formats are the ones infragate's own rendered steps write
(the pipeline's deploy record, infra/ops/restore.sh's timing JSON), and two short
inventories people write (access, secrets); `infragate explain CLOSE...` shows them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from infragate.evidence.model import EvidenceKind
from infragate.evidence.reading import Checker, EvidenceFile, iso

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
GREEN = frozenset({"ok", "pass", "passed", "healthy", "up", "green"})
AREAS = ("cloud_account", "repository", "secrets")
INVENTORY_KEYS = frozenset({"name", "stored_in", "rotation", "owner", "used_by", "note"})
PERSON_KEYS = frozenset({"name", "email", "role", "note"})


@dataclass(frozen=True)
class BaselineFacts:
    """What validation needs from the baseline in force."""

    version: int
    environments: tuple[str, ...]
    rto_minutes: int | None


def _environment(c: Checker, b: BaselineFacts) -> str | None:
    env = c.text(("environment",), "name the environment: " + ", ".join(b.environments))
    if env is not None and env not in b.environments:
        c.problem(
            ("environment",),
            f"baseline v{b.version} has no environment '{env}'",
            "use one of: " + ", ".join(b.environments),
        )
        return None
    return env


def deploy(f: EvidenceFile, b: BaselineFacts) -> dict[str, Any]:
    c = Checker(f.document)
    env = _environment(c, b)
    version = c.text(("version",), "write the deployed version (the image tag or commit)")
    url = c.text(("health_url",), "write the health endpoint's URL", required=False)
    fix = "run the deploy again: the pipeline records the health endpoint's answer"
    health = c.get(("health",))
    healthy = False
    reported = None
    if not isinstance(health, dict):
        c.problem(("health",), "is missing: no health check answer was recorded", fix)
    else:
        reported = c.text(("health", "version"), "the health endpoint reports its version")
        status = c.get(("health", "status"))
        if status is not None and str(status).lower() not in GREEN:
            c.problem(("health", "status"), f"is '{status}': the health check is not green", fix)
        elif reported is not None and version is not None and reported != version:
            c.problem(
                ("health", "version"),
                f"the health endpoint reports '{reported}', not the deployed '{version}'",
                fix,
            )
        else:
            healthy = reported is not None
    rendered = c.get(("baseline",))
    if rendered is not None and str(rendered).lstrip("v") != str(b.version):
        c.problem(
            ("baseline",),
            f"the pipeline that deployed was rendered from baseline {rendered}, not the "
            f"baseline in force (v{b.version})",
            "render the pipeline from the current baseline ('infragate render'), commit, "
            "deploy again",
        )
    c.finish()
    return {
        "environment": env,
        "version": version,
        "health_url": url,
        "health_version": reported,
        "healthy": healthy,
    }


def restore_test(f: EvidenceFile, b: BaselineFacts) -> dict[str, Any]:
    c = Checker(f.document)
    rerun = "write what infra/ops/restore.sh writes (--evidence FILE), or run it again"
    env = _environment(c, b)
    snapshot = c.text(("snapshot",), rerun, required=False)
    point = c.text(("restore_time",), rerun, required=False)
    if snapshot is None and point is None:
        c.problem(("snapshot",), "names neither the snapshot nor the point in time", rerun)
    started = c.time(("started_at",), rerun)
    ended = c.time(("ended_at",), rerun)
    duration = c.number(("duration_seconds",), rerun)
    if started and ended and duration is not None:
        if ended < started:
            c.problem(("ended_at",), "is before started_at", rerun)
        elif abs((ended - started).total_seconds() - duration) > 60:
            c.problem(
                ("duration_seconds",),
                f"is {duration} s, but started_at to ended_at is "
                f"{int((ended - started).total_seconds())} s",
                rerun,
            )
    rows = c.number(("rows_verified",), rerun, required=False)
    checksum = c.text(("checksum",), rerun, required=False)
    if c.get(("verified",)) is not True or (rows is None and checksum is None):
        c.problem(
            ("verified",),
            "the restored data was not verified (no row count or checksum)",
            "run infra/ops/restore.sh without --no-verify, from a machine that reaches the "
            "database, so that it counts the restored rows",
        )
    c.finish()
    assert started and ended and duration is not None
    met = b.rto_minutes is None or duration <= b.rto_minutes * 60
    return {
        "environment": env,
        "snapshot": snapshot,
        "restore_time": point,
        "started_at": iso(started),
        "ended_at": iso(ended),
        "duration_seconds": duration,
        "verified": True,
        "rows_verified": rows,
        "checksum": checksum,
        "rto_minutes": b.rto_minutes,
        "met_rto": met,
    }


def alert_test(f: EvidenceFile, b: BaselineFacts) -> dict[str, Any]:
    c = Checker(f.document)
    env = _environment(c, b)
    alarm = c.text(("alarm",), "name the alarm that fired (infra/ops/alerts.md lists them)")
    fired = c.time(("fired_at",), "write when the alarm fired (UTC, ISO 8601)")
    received = c.time(("received_at",), "write when the person received it (UTC, ISO 8601)")
    who = c.text(("received_by",), "write the email of the person the alarm reached")
    channel = c.text(("channel",), "write how it reached them: email, SMS, chat, pager")
    if who is not None and not EMAIL.match(who):
        c.problem(("received_by",), f"'{who}' is not an email address", "write their email")
    if fired and received and received < fired:
        c.problem(("received_at",), "is before fired_at", "check the two times")
    c.finish()
    assert fired and received
    return {
        "environment": env,
        "alarm": alarm,
        "fired_at": iso(fired),
        "received_at": iso(received),
        "received_by": who,
        "channel": channel,
        "minutes_to_reach": int((received - fired).total_seconds() // 60),
    }


def access(f: EvidenceFile, b: BaselineFacts) -> dict[str, Any]:
    c = Checker(f.document)
    fix = "list each person as {name: ..., email: ...}"
    c.known_keys((), frozenset(AREAS) | {"note"}, "write only: " + ", ".join(AREAS))
    holders: dict[str, list[str]] = {}
    for area in AREAS:
        emails: list[str] = []
        for key, item in c.items((area,), f"list who holds access to the {area}: {fix}"):
            if not isinstance(item, dict):
                c.problem(key, "is not a person", fix)
                continue
            c.known_keys(key, PERSON_KEYS, fix)
            email = c.text((*key, "email"), fix)
            c.text((*key, "name"), fix)
            if email is not None and not EMAIL.match(email):
                c.problem((*key, "email"), f"'{email}' is not an email address", fix)
            elif email is not None:
                emails.append(email.lower())
        holders[area] = sorted(set(emails))
    c.finish()
    return {**holders, "people": len({e for emails in holders.values() for e in emails})}


def secrets(f: EvidenceFile, b: BaselineFacts) -> dict[str, Any]:
    c = Checker(f.document)
    fix = "write {name: ..., stored_in: ..., rotation: ...}; never the value"
    c.known_keys((), frozenset({"secrets", "note"}), "write the list under 'secrets'")
    entries: list[dict[str, str | None]] = []
    for key, item in c.items(("secrets",), "list every secret by name: " + fix):
        if not isinstance(item, dict):
            c.problem(key, "is not an entry", fix)
            continue
        c.known_keys(key, INVENTORY_KEYS, fix + " (an inventory holds no values)")
        entries.append(
            {
                "name": c.text((*key, "name"), fix),
                "stored_in": c.text((*key, "stored_in"), "say where it is stored: " + fix),
                "rotation": c.text((*key, "rotation"), "say how it is rotated: " + fix),
                "owner": c.text((*key, "owner"), fix, required=False),
            }
        )
    names = [e["name"] for e in entries if e["name"]]
    for name in sorted({n for n in names if names.count(n) > 1}):
        c.problem(("secrets",), f"'{name}' is listed twice", "list each secret once")
    c.finish()
    return {"secrets": entries, "count": len(entries)}


VALIDATORS: dict[EvidenceKind, Callable[[EvidenceFile, BaselineFacts], dict[str, Any]]] = {
    EvidenceKind.deploy: deploy,
    EvidenceKind.restore_test: restore_test,
    EvidenceKind.alert_test: alert_test,
    EvidenceKind.access: access,
    EvidenceKind.secrets: secrets,
}
