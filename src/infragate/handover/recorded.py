"""Evidence as the pack words it: the latest of a kind, who recorded it, what it says."""

from __future__ import annotations

from collections.abc import Sequence

from infragate.evidence.model import Evidence, EvidenceKind


def latest(evidence: Sequence[Evidence], kind: EvidenceKind) -> Evidence | None:
    found = [e for e in evidence if e.kind is kind]
    return found[-1] if found else None


def provenance(e: Evidence) -> str:
    return f"recorded {e.recorded_at[:16].replace('T', ' ')} UTC by {e.recorded_by} against baseline v{e.baseline_version}"


def summary(e: Evidence, skip: Sequence[str] = ()) -> str:
    parts = [
        f"{k}: {v}"
        for k, v in sorted(e.facts.items())
        if k not in skip and not isinstance(v, list | dict)
    ]
    extra = [f"note: {e.note}"] if e.note else []
    if e.url:
        extra.append(f"link: `{e.url}`")
    if e.file_sha256:
        extra.append(f"file `{e.file_name}` (sha256 {e.file_sha256[:12]})")
    return "; ".join(parts + extra) or "no details"


def access_rows(acc: Evidence) -> tuple[tuple[str, str], ...]:
    """(what, who holds access to it) from access evidence: every fact that is a list."""
    return tuple(
        (
            key,
            ", ".join(
                str(x.get("email") or x.get("name") or x) if isinstance(x, dict) else str(x)
                for x in value
            ),
        )
        for key, value in sorted(acc.facts.items())
        if isinstance(value, list)
    )
