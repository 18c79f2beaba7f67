"""Offline verification of a lock file: what CI runs before it applies anything.

No database and no network: the lock file carries its hash, its approvals and the
frozen brief, so it can be checked alone, and against the brief in the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from infragate.brief.model import Brief
from infragate.canonical import digest
from infragate.errors import InputError
from infragate.lifecycle import policy
from infragate.lifecycle.baseline import LockFormatError, brief_digest, read_lock
from infragate.lifecycle.signing import SIGNERS_FILE, Signature, check, statement
from infragate.lifecycle.waivers import Blocker, Waiver, unwaived


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Verification:
    lock_path: str
    version: int | None
    sha256: str | None
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "lock": self.lock_path,
            "version": self.version,
            "sha256": self.sha256,
            "ok": self.ok,
            "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in self.checks],
        }


def verify_lock(
    lock_path: Path,
    lock_text: str,
    brief_path: Path,
    brief_text: str | None,
    today: date,
    signers_path: Path | None = None,
    signers_text: str | None = None,
) -> Verification:
    """Every offline check of a lock file. `signers_text` is the allowed signers file the
    approvers' keys are trusted from (`signers_path`, for messages; default: beside the
    brief)."""
    from infragate.brief.loader import parse_brief

    checks: list[Check] = []
    try:
        parsed = read_lock(lock_text)
    except LockFormatError as exc:
        return Verification(str(lock_path), None, None, (Check("format", False, str(exc)),))
    recorded, doc = parsed.sha256, parsed.document
    version = doc.get("version") if isinstance(doc.get("version"), int) else None
    actual = digest(doc)
    if actual == recorded:
        checks.append(Check("hash", True, f"sha256 {actual[:12]} matches its contents"))
    else:
        checks.append(
            Check(
                "hash",
                False,
                f"recorded sha256 {recorded[:12]} but the contents hash to {actual[:12]}: "
                "the lock file was edited after 'infragate freeze'",
            )
        )
    inner = [
        ("brief", doc.get("brief_sha256"), digest(doc.get("brief"))),
        ("design", doc.get("design_sha256"), digest(doc.get("design"))),
    ]
    bad = [
        f"{name} ({want!s:.12} recorded, {got:.12} found)"
        for name, want, got in inner
        if want != got
    ]
    checks.append(
        Check(
            "contents",
            not bad,
            "brief and design match their hashes" if not bad else "edited: " + ", ".join(bad),
        )
    )
    try:
        frozen_brief = Brief.model_validate(doc.get("brief"))
        approvals = [policy.Approval.from_dict(a) for a in doc.get("approvals", [])]
        waivers = [Waiver.from_dict(w) for w in doc.get("waivers", [])]
        blockers = [Blocker(str(b["key"]), str(b["reason"])) for b in doc.get("blockers", [])]
    except (ValidationError, KeyError, ValueError, TypeError) as exc:
        checks.append(Check("approvals", False, f"the baseline cannot be read: {exc}"))
        return Verification(str(lock_path), version, recorded, tuple(checks))
    change = doc.get("change_request") or {}
    problems = policy.problems(
        frozen_brief, approvals, str(doc.get("design_sha256")), change.get("requested_by")
    )
    who = ", ".join(f"{a.role} {a.email}" for a in approvals)
    checks.append(Check("approvals", not problems, "; ".join(problems) or f"approved by {who}"))
    checks.append(
        signature_check(
            doc,
            approvals,
            parsed.signatures,
            signers_path or brief_path.parent / SIGNERS_FILE,
            signers_text,
        )
    )
    open_blockers = unwaived(blockers, waivers, today)
    if open_blockers:
        lapsed = {w.key: w for w in waivers}
        detail = "; ".join(
            f"{b.key}: waiver expired on {lapsed[b.key].expires_on}"
            if b.key in lapsed
            else f"{b.key}: not waived"
            for b in open_blockers
        )
        checks.append(
            Check(
                "waivers", False, f"{detail}. Renew the waiver or fix the design, then freeze again"
            )
        )
    else:
        live = len(blockers)
        checks.append(
            Check(
                "waivers", True, f"{live} blocker(s) waived and in force" if live else "no blockers"
            )
        )
    if brief_text is None:
        checks.append(Check("brief", False, f"{brief_path} not found; pass --brief"))
    else:
        try:
            current = parse_brief(brief_path, brief_text).brief
        except InputError as exc:
            checks.append(Check("brief", False, f"{brief_path} cannot be read: {exc.render()}"))
        else:
            if brief_digest(current) == doc.get("brief_sha256"):
                checks.append(Check("brief", True, f"{brief_path} matches the frozen brief"))
            else:
                checks.append(
                    Check(
                        "brief",
                        False,
                        f"{brief_path} changed since baseline v{version} was frozen; "
                        "propose the change ('infragate change propose') or restore the brief",
                    )
                )
    return Verification(str(lock_path), version, recorded, tuple(checks))


def signature_check(
    doc: dict[str, Any],
    approvals: list[policy.Approval],
    signatures: tuple[Signature, ...],
    signers_path: Path,
    signers_text: str | None,
) -> Check:
    """Each approval signed, by the key the allowed signers file names for its approver,
    over this document's brief and design: what hashes alone cannot show."""
    if not approvals:
        return Check("signatures", False, "the baseline lists no approvals to check")
    if signers_text is None:
        return Check(
            "signatures",
            False,
            f"{signers_path} not found: it names the approvers' SSH keys (git's allowed "
            "signers format). Restore it from version control, or pass --allowed-signers",
        )
    change = doc.get("change_request") or {}
    number = change.get("number") if isinstance(change, dict) else None
    by_signer = {(s.role, s.email.lower()): s for s in signatures}
    bad: list[str] = []
    good: list[str] = []
    for a in approvals:
        who = f"the {a.role} approval by {a.email}"
        found = by_signer.pop((str(a.role), a.email.lower()), None)
        if found is None:
            bad.append(f"{who} is not signed")
            continue
        message = statement(
            str(doc.get("project")),
            str(a.role),
            a.email,
            str(doc.get("design_sha256")),
            str(doc.get("brief_sha256")),
            number if isinstance(number, int) else None,
        )
        result = check(signers_text, a.email, found.signature, message)
        if result.ok:
            good.append(f"{a.role} {a.email} ({result.detail})")
        else:
            bad.append(f"{who}: {result.detail}")
    for role, email in by_signer:
        bad.append(f"a signature for {role} {email}, whose approval the baseline does not list")
    if bad:
        return Check(
            "signatures",
            False,
            "; ".join(bad) + f". Keys are trusted from {signers_path}; a lock whose signatures "
            "fail was not approved as it stands: restore it from version control",
        )
    return Check("signatures", True, "signed by " + ", ".join(good))
