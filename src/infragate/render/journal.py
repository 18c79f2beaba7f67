"""The render journal: an interrupted render is finished or undone by the next one.

Rendering writes many files; renaming them into place is not one atomic step. So
`output.apply` keeps a journal in the output folder, written atomically at each phase:

1. `staging`: the files it will write and remove. Each new file is written to a
   temporary file beside its target (`.NAME.*.tmp`), flushed to disk. Nothing the
   person sees has changed yet, so an interruption here is rolled back: the next run
   deletes the temporary files.
2. `committing`: every temporary file is on disk, and the journal names each one and
   its target. Only then are they renamed into place and the dropped files removed.
   An interruption here is completed by the next run: what is left of the renames and
   removals is done, so the folder holds one baseline's files, never two.

The journal is deleted when the render is whole. `infragate render` recovers before it
renders; `infragate verify` and `infragate drift` report a journal left behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infragate.errors import UsageError
from infragate.files import write_atomic

JOURNAL = ".infragate-render.journal"
TMP_SUFFIX = ".tmp"


@dataclass(frozen=True)
class Recovery:
    state: str  # "staging" (rolled back) or "committing" (completed)
    baseline: str
    files: int

    def describe(self) -> str:
        if self.state == "committing":
            return (
                f"an interrupted render of {self.baseline} was completed first "
                f"({self.files} file(s) moved into place)"
            )
        return (
            f"an interrupted render of {self.baseline} was rolled back first (it had not "
            f"changed any file; {self.files} temporary file(s) removed)"
        )


def path(out: Path) -> Path:
    return out / JOURNAL


def _write(out: Path, data: dict[str, Any]) -> None:
    write_atomic(path(out), json.dumps(data, indent=1, sort_keys=True) + "\n")


def begin(out: Path, baseline: str, targets: list[str], removes: list[str]) -> None:
    _write(out, {"state": "staging", "baseline": baseline, "targets": targets, "removes": removes})


def commit(out: Path, baseline: str, moves: list[tuple[Path, Path]], removes: list[str]) -> None:
    _write(
        out,
        {
            "state": "committing",
            "baseline": baseline,
            "moves": [[_rel(out, tmp), _rel(out, target)] for tmp, target in moves],
            "removes": removes,
        },
    )


def finish(out: Path) -> None:
    path(out).unlink(missing_ok=True)


def _rel(out: Path, p: Path) -> str:
    return p.relative_to(out).as_posix()


def _inside(out: Path, relative: Any) -> Path:
    """A path the journal names, refused unless it is a plain path inside `out`."""
    from infragate.render.output import target

    if not isinstance(relative, str):
        raise UsageError(f"{path(out)} is not a render journal; delete it and render again")
    return target(out, relative)


def read(out: Path) -> dict[str, Any] | None:
    """The journal of an interrupted render in `out`, or None."""
    try:
        text = path(out).read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the render journal {path(out)}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict) or data.get("state") not in ("staging", "committing"):
        raise UsageError(
            f"{path(out)} is not a render journal infragate wrote; look at it, delete it, "
            "and render again"
        )
    return data


def pending(out: Path) -> str | None:
    """What an unfinished render left in `out`, for `verify` and `drift`; None if nothing."""
    try:
        data = read(out)
    except UsageError as exc:
        return str(exc)
    if data is None:
        return None
    return (
        f"a render of {data.get('baseline')} into {out} was interrupted "
        f"({'while its files were being moved into place: files of two baselines may be mixed' if data['state'] == 'committing' else 'before any file changed'}); "
        "run 'infragate render' to complete or roll it back"
    )


def _stale_temporaries(out: Path, relative: str) -> list[Path]:
    target = _inside(out, relative)
    if not target.parent.is_dir():
        return []
    return sorted(target.parent.glob(f".{target.name}.*{TMP_SUFFIX}"))


def recover(out: Path) -> Recovery | None:
    """Complete (committing) or roll back (staging) an interrupted render in `out`."""
    # A render killed while writing the journal itself leaves its temporary file (and,
    # before the first phase, no journal): never meaningful, so always removed.
    for tmp in _stale_temporaries(out, JOURNAL):
        tmp.unlink(missing_ok=True)
    data = read(out)
    if data is None:
        return None
    baseline = str(data.get("baseline"))
    if data["state"] == "staging":
        removed = 0
        for relative in data.get("targets", []):
            for tmp in _stale_temporaries(out, relative):
                tmp.unlink(missing_ok=True)
                removed += 1
        finish(out)
        return Recovery("staging", baseline, removed)
    moved = 0
    for tmp_rel, target_rel in data.get("moves", []):
        tmp, target = _inside(out, tmp_rel), _inside(out, target_rel)
        if tmp.exists():
            tmp.replace(target)
            moved += 1
    for relative in data.get("removes", []):
        _inside(out, relative).unlink(missing_ok=True)
    finish(out)
    return Recovery("committing", baseline, moved)
