"""The only way into rendering: a lock file that verifies, read into a render context.

Rendering is execution, so it is gated exactly as CI gates it: `verify_lock` must pass
every check (hash, contents, approvals, waivers, brief unchanged). Each refusal says
which check failed and what a person does about it. `drift` reads the lock the same way
but reports a failed check instead of refusing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import InvalidOperation
from pathlib import Path
from typing import Any

from infragate import strictread
from infragate.errors import InputError, Problem, Refused
from infragate.lifecycle import lockfile, signing
from infragate.lifecycle.baseline import LOCK_FILE
from infragate.lifecycle.verify import Check, verify_lock
from infragate.render import pins, stamp
from infragate.render.context import Baseline, from_lock

_RENDERED = strictread.Kind("a rendered file", "move it out of the way")
RESTORE = "restore the lock file from version control, or freeze the design again"
# Checks whose failure means the document itself cannot be trusted: nothing is compared.
INTEGRITY = ("format", "hash", "contents")
# What each failed verification check means for rendering.
_MEANING = {
    "format": "the lock file cannot be read",
    "hash": "the lock file was tampered with",
    "contents": "the lock file was tampered with",
    "approvals": "the frozen design is not approved",
    "waivers": "a blocker of the design is not waived",
    "brief": "the brief changed since the baseline was frozen",
    "signatures": "the approvals are not signed by the approvers' keys",
}


@dataclass(frozen=True)
class Lock:
    path: Path
    sha256: str
    document: dict[str, Any]
    failed: tuple[Check, ...]  # verification checks that did not pass

    @property
    def intact(self) -> bool:
        return not any(c.name in INTEGRITY for c in self.failed)

    @property
    def project_root(self) -> Path | None:
        """The repository the lock belongs to (the folder above infra/), where the
        application's code and the rendered files are."""
        folder = self.path.absolute().parent
        return folder.parent if folder.name == "infra" else None

    def baseline(self) -> Baseline:
        """The render context of the document; a lock lacking what it needs is an input
        error, never a traceback. The application's contract is read from the project's
        code, and bumped image pins from its rendered files (render/contract, pins.py)."""
        from infragate.render.contract import read_repository

        root = self.project_root
        repo = read_repository(root) if root is not None else None
        existing = _rendered_pins(root, str(self.document.get("project", ""))) if root else {}
        try:
            return from_lock(self.document, self.sha256, repo, existing)
        except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
            raise InputError(
                self.path,
                [Problem(f"the baseline lacks what rendering needs ({exc!r})", RESTORE)],
            ) from None


def _rendered_pins(root: Path, project: str) -> dict[str, str]:
    """The repository's copies of the files whose pins Dependabot bumps, when infragate
    rendered them for this project (a person's own Dockerfile is never read back)."""
    found = {}
    for name in pins.FILES:
        try:  # strictly: a pipe or a device here is refused later, never read
            text = strictread.read_text(root / name, _RENDERED, 20_000_000)
        except InputError:
            continue
        stamped, _ = stamp.read(text)
        if stamped is not None and stamped.project == project:
            found[name] = text
    return found


def read(
    lock_path: Path,
    brief_path: Path,
    today: date,
    missing: str,
    signers: Path | None = None,
) -> Lock:
    """Read and verify a lock file. `missing` says what the caller cannot do without one;
    `signers`: the allowed signers file to trust (signing.signers_path)."""
    try:
        lock_text = lockfile.read_lock_text(lock_path)
    except FileNotFoundError:
        raise Refused(
            f"{missing}: {lock_path} does not exist, so the project has no frozen baseline. "
            "Approve the design ('infragate approve') and freeze it ('infragate freeze'); "
            f"render reads {LOCK_FILE}, never the brief."
        ) from None
    sha, document = lockfile.check_lock(lock_path, lock_text)
    brief_text = lockfile.read_brief_text(brief_path)
    signers_path = signing.signers_path(brief_path, signers)
    result = verify_lock(
        lock_path,
        lock_text,
        brief_path,
        brief_text,
        today,
        signers_path,
        signing.read_signers(signers_path),
    )
    return Lock(lock_path, sha, document, tuple(c for c in result.checks if not c.ok))


def load(lock_path: Path, brief_path: Path, today: date, signers: Path | None = None) -> Baseline:
    """The verified baseline of `lock_path`; `Refused` (exit 1) with the reason otherwise."""
    lock = read(lock_path, brief_path, today, "nothing to render", signers)
    if lock.failed:
        reasons = "\n".join(
            f"  {_MEANING.get(c.name, c.name)} ({c.name}): {c.detail}" for c in lock.failed
        )
        raise Refused(
            f"refusing to render from {lock_path}: it does not verify.\n{reasons}\n"
            "Nothing was written. 'infragate verify' shows every check."
        )
    return lock.baseline()
