"""The only way into rendering: a lock file that verifies, read into a render context.

Rendering is execution, so it is gated exactly as CI gates it: `verify_lock` must pass
every check (hash, contents, approvals, waivers, brief unchanged). Each refusal says
which check failed and what a person does about it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from infragate.errors import CatalogError, Refused
from infragate.lifecycle.baseline import LOCK_FILE, parse_lock
from infragate.lifecycle.verify import verify_lock
from infragate.render.context import Baseline, from_lock

# What each failed verification check means for rendering.
_MEANING = {
    "format": "the lock file cannot be read",
    "hash": "the lock file was tampered with",
    "contents": "the lock file was tampered with",
    "approvals": "the frozen design is not approved",
    "waivers": "a blocker of the design is not waived",
    "brief": "the brief changed since the baseline was frozen",
}


def load(lock_path: Path, brief_path: Path, today: date) -> Baseline:
    """The verified baseline of `lock_path`; `Refused` (exit 1) with the reason otherwise."""
    try:
        lock_text = lock_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Refused(
            f"nothing to render: {lock_path} does not exist, so the project has no frozen "
            "baseline. Approve the design ('infragate approve') and freeze it "
            f"('infragate freeze'); render reads {LOCK_FILE}, never the brief."
        ) from None
    except UnicodeDecodeError:
        raise Refused(f"refusing to render: {lock_path} is not a text file") from None
    try:
        brief_text: str | None = brief_path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        brief_text = None
    result = verify_lock(lock_path, lock_text, brief_path, brief_text, today)
    failed = [c for c in result.checks if not c.ok]
    if failed:
        reasons = "\n".join(
            f"  {_MEANING.get(c.name, c.name)} ({c.name}): {c.detail}" for c in failed
        )
        raise Refused(
            f"refusing to render from {lock_path}: it does not verify.\n{reasons}\n"
            "Nothing was written. 'infragate verify' shows every check."
        )
    sha, document = parse_lock(lock_text)
    try:
        return from_lock(document, sha)
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogError(
            f"{lock_path}: the baseline lacks what rendering needs ({exc})"
        ) from None
