"""`infragate costs import`: read FOCUS files and store what the reports need, all or nothing.

Every file is read and checked before anything is written, so one bad file leaves the store
as it was. Each import is an event in the trail of every project it brings spend for
(`costs.imported`); spend of projects the store does not know is kept too, and shown by
`costs stale`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from infragate.costs.problems import FocusError
from infragate.costs.scan import Scanned, scan
from infragate.costs.tagmap import TagMap, default_map
from infragate.lifecycle.clock import Clock
from infragate.store import costs as cost_store
from infragate.store import repository as repo
from infragate.store.engine import Store

EVENT_KIND = "costs.imported"


def plain(value: Decimal) -> str:
    """Exact decimal text without trailing zeros or exponent: 3.500000000000 -> 3.5."""
    return format(value.normalize(), "f")


CHUNK = 1 << 20


@dataclass(frozen=True)
class FileImport:
    path: Path
    sha256: str
    scanned: Scanned
    import_id: int
    replaced: list[int]  # earlier imports whose every billing period this one replaced
    projects: dict[str, Decimal]  # effective cost per project known to the store
    unknown_projects: dict[str, Decimal]  # tagged with a project the store does not know

    @property
    def unattributed(self) -> Decimal:
        return sum((f.effective for f in self.scanned.facts if f.project is None), Decimal(0))


@dataclass(frozen=True)
class ImportReport:
    files: list[FileImport]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_all(paths: Sequence[Path], tags: TagMap) -> list[tuple[Path, str, Scanned]]:
    """Scan every file (hashing it alongside); every file's problems are gathered first."""
    problems = []
    more = 0
    read: list[tuple[Path, str, Scanned]] = []
    with ThreadPoolExecutor(max_workers=1) as hasher:
        for path in paths:
            hashed = hasher.submit(file_sha256, path) if path.is_file() else None
            try:
                scanned = scan(path, tags)
            except FocusError as exc:
                problems.extend(exc.problems)
                more += exc.more
                if hashed:
                    hashed.cancel()
                continue
            assert hashed is not None
            read.append((path, hashed.result(), scanned))
    if problems:
        raise FocusError(problems, more=more)
    return read


def import_files(
    store: Store, paths: Sequence[Path], clock: Clock, tags: TagMap | None = None
) -> ImportReport:
    tag_map = tags or default_map()
    read = _read_all(paths, tag_map)
    when, actor = clock.at, clock.actor
    done: list[FileImport] = []
    with store.write() as conn:
        for path, sha256, scanned in read:
            totals = {
                c: {"billed": plain(scanned.billed[c]), "effective": plain(scanned.effective[c])}
                for c in scanned.billed
            }
            import_id, replaced = cost_store.replace_periods(
                conn,
                file_name=path.name,
                sha256=sha256,
                focus_version=scanned.version,
                rows=scanned.rows,
                periods=scanned.periods,
                totals=totals,
                tag_map=tag_map.describe(),
                at=when,
                actor=actor,
                facts=scanned.facts,
                top=scanned.top_resources,
            )
            spend: dict[str, Decimal] = defaultdict(Decimal)
            for fact in scanned.facts:
                if fact.project is not None:
                    spend[fact.project] += fact.effective
            known: dict[str, Decimal] = {}
            unknown: dict[str, Decimal] = {}
            for name in sorted(spend):
                if repo.find_project(conn, name) is None:
                    unknown[name] = spend[name]
                    continue
                known[name] = spend[name]
                project = repo.lock_project(conn, name, when, actor)
                repo.append_event(
                    conn,
                    project,
                    when,
                    actor,
                    EVENT_KIND,
                    {
                        "import_id": import_id,
                        "file": path.name,
                        "sha256": sha256,
                        "focus_version": scanned.version,
                        "billing_periods": sorted({p for _, p in scanned.periods}),
                        "effective_usd": plain(spend[name]),
                        "replaced_imports": replaced,
                    },
                )
            done.append(FileImport(path, sha256, scanned, import_id, replaced, known, unknown))
    return ImportReport(done)
