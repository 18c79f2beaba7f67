"""`infragate handover`: read the lock file, the trail and the evidence, refuse while the
lock does not verify, write the pack, and record in the trail that it was written.

Never reads infra/brief.yaml: the pack describes the frozen baseline, whatever the brief
says now (a pending change shows in the trail and in `infragate status`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from infragate.errors import Refused
from infragate.evidence.model import from_events
from infragate.evidence.record import record_handover
from infragate.handover import diagram, disk
from infragate.handover.pack import MANIFEST, PackFormat, digest_text, files
from infragate.lifecycle.baseline import parse_lock
from infragate.lifecycle.chain import first_break
from infragate.lifecycle.clock import Clock
from infragate.lifecycle.verify import verify_lock
from infragate.store import repository as repo
from infragate.store.engine import Store

# The lock's own checks; "brief" compares it with infra/brief.yaml, which the pack never reads.
LOCK_CHECKS = ("format", "hash", "contents", "approvals", "waivers")


@dataclass(frozen=True)
class Written:
    project: str
    version: int
    directory: Path
    files: tuple[str, ...]
    removed: tuple[str, ...]
    manifest_sha256: str
    diagrams_rendered: bool
    recorded: bool  # False when the trail already records this very pack


def svg_renderer(program: str | None) -> Callable[[str], str | None]:
    if program is None:
        return lambda _source: None
    return lambda source: diagram.to_svg(source, program)


def generate(
    store: Store,
    lock_path: Path,
    lock_text: str,
    directory: Path,
    formats: Sequence[PackFormat],
    clock: Clock,
    force: bool = False,
    dot: str | None = None,
) -> Written:
    check = verify_lock(lock_path, lock_text, lock_path.parent / "brief.yaml", None, clock.today)
    failed = [c for c in check.checks if c.name in LOCK_CHECKS and not c.ok]
    if failed:
        raise Refused(
            f"refusing to write a handover pack: {lock_path} does not verify ("
            + "; ".join(f"{c.name}: {c.detail}" for c in failed)
            + "). Nothing was written. 'infragate verify' shows every check."
        )
    sha256, doc = parse_lock(lock_text)
    name = str(doc["project"])
    with store.read() as conn:
        row = repo.find_project(conn, name)
        events = repo.events(conn, row) if row else []
    if row is None:
        raise Refused(
            f"{name} is not in the store ({store.location}): the pack needs its trail and "
            "evidence. Run where the project was frozen, or set INFRAGATE_DATABASE_URL."
        )
    broken = first_break(events, row.head_seq, row.head_hash)
    if broken:
        raise Refused(f"the trail of {name} is broken: {broken.message}. Nothing was written.")
    frozen = {
        e.payload.get("version"): e.payload.get("sha256")
        for e in events
        if e.kind == "baseline.frozen"
    }
    if frozen.get(doc["version"]) != sha256:
        raise Refused(
            f"{lock_path} holds baseline v{doc['version']} ({sha256[:12]}), which the trail of "
            f"{name} does not record as frozen; nothing was written"
        )
    pack_files = files(doc, sha256, events, from_events(events), formats, svg_renderer(dot))
    removed = disk.write(directory, pack_files, force)
    manifest_sha = digest_text(pack_files[MANIFEST])
    fmt = ",".join(f.value for f in PackFormat if f in formats)
    recorded = (
        record_handover(store, name, clock.actor, int(doc["version"]), manifest_sha, fmt, clock.now)
        is not None
    )
    return Written(
        name,
        int(doc["version"]),
        directory,
        tuple(pack_files),
        tuple(removed),
        manifest_sha,
        dot is not None,
        recorded,
    )
