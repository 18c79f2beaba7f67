"""Reading `infra/baseline.lock.json` (and the brief beside it) from disk, strictly.

Every command that reads a lock file (`verify`, `render`, `drift`, `freeze`) goes through
here: the file must be a regular file inside the project (a symbolic link to another
project's lock is refused), at most `MAX_BYTES`, strict JSON (no duplicate keys, NaN or
binary fractions), shaped as a lock, and every name in it that becomes a path or an
identifier must match the brief's patterns (`names.py`). Each refusal is an InputError:
exit 2, the file, the line where we can tell, and what to do.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from infragate import strictread
from infragate.errors import InputError, Problem
from infragate.lifecycle.baseline import LockFormatError, parse_lock
from infragate.names import bad_names

MAX_BYTES = 50_000_000
RESTORE = "restore the lock file from version control, or freeze the design again"
KIND = strictread.Kind("a baseline lock file", RESTORE)
BRIEF_BYTES = 1_000_000


def project_root(lock_path: Path) -> Path:
    """The folder a lock file may not leave: the project above infra/, else its own folder.
    Taken from the path as written, so a link named infra/baseline.lock.json is judged by
    where it leads, not where it is."""
    folder = lock_path.absolute().parent
    return folder.parent if folder.name == "infra" else folder


def read_lock_text(lock_path: Path) -> str:
    """The text of a lock file, read strictly; FileNotFoundError where there is none, so that
    each caller says what it cannot do without one."""
    if not os.path.lexists(lock_path):
        raise FileNotFoundError(lock_path)
    return strictread.read_text(lock_path, KIND, MAX_BYTES, root=project_root(lock_path))


def check_lock(lock_path: Path, text: str) -> tuple[str, dict[str, Any]]:
    """(recorded sha256, baseline document), or an InputError naming what is wrong."""
    strictread.loads(lock_path, text, KIND, floats="refuse")  # located strictness errors
    try:
        sha, document = parse_lock(text)
    except LockFormatError as exc:
        raise InputError(lock_path, [Problem(str(exc), RESTORE, line=1)]) from None
    problems = [
        Problem(problem, f"{RESTORE}; a lock file is never edited by hand", _line(text, value),
                field=where)
        for where, value, problem in bad_names(document)
    ]  # fmt: skip
    if problems:
        raise InputError(lock_path, problems)
    return sha, document


def _line(text: str, value: Any) -> int | None:
    """The line where `value` is written (best effort, for the message)."""
    at = text.find(json.dumps(value, ensure_ascii=False, default=str))
    return None if at < 0 else text.count("\n", 0, at) + 1


def read_brief_text(brief_path: Path) -> str | None:
    """The brief beside a lock, or None where there is none or it is not UTF-8 text (the
    verification reports that); a pipe, a device or an oversized file is an InputError."""
    if not os.path.lexists(brief_path):
        return None
    kind = strictread.Kind("a brief", "pass the brief with --brief")
    try:
        return strictread.read_text(brief_path, kind, BRIEF_BYTES)
    except InputError as exc:
        if any("UTF-8" in p.message or "binary" in p.message for p in exc.problems):
            return None
        raise
